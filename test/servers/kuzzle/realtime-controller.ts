import { KuzzleError } from './errors.js';
import { readOptions } from './hotel.js';
import { bodyOf, stringArg, type Call } from './request.js';
import type { Action, Services } from './services.js';

function subscribe(services: Services, call: Call) {
  const { request, connection } = call;
  const index = stringArg(request, 'index');
  const collection = stringArg(request, 'collection');
  const filter = bodyOf(request);
  // 1.x links the connection to its token only here (2.x on every authenticated request).
  if (services.version() === 1 && request.jwt) connection.token = request.jwt;
  return services.hotel.subscribe(
    connection,
    { index, collection, filter },
    readOptions(request),
    request.volatile,
  );
}

function roomIdOf(call: Call): string {
  const roomId = bodyOf(call.request).roomId;
  if (typeof roomId !== 'string' || roomId === '')
    throw new KuzzleError('api.assert.missing_argument', ['body.roomId']);
  return roomId;
}

function publish(services: Services, call: Call) {
  const { request, kuid, cause } = call;
  const index = stringArg(request, 'index');
  const collection = stringArg(request, 'collection');
  const source = { ...bodyOf(request), _kuzzle_info: { author: kuid, createdAt: Date.now() } };
  const _id = typeof request._id === 'string' ? request._id : undefined;
  const document = { ...(_id !== undefined && { _id }), _source: source };
  const rooms = services.hotel.matchingRooms(index, collection, document);
  const change = { action: 'publish', scope: 'in' as const, result: document };
  services.hotel.dispatch(rooms, 'in', 'done', services.documentNotification(change, cause));
  return { published: true };
}

export const realtimeActions: Record<string, Action> = {
  subscribe,
  join: (services, call) =>
    services.hotel.join(
      call.connection,
      roomIdOf(call),
      readOptions(call.request),
      call.request.volatile,
    ),
  unsubscribe: (services, call) => {
    const roomId = roomIdOf(call);
    services.hotel.unsubscribe(call.connection, roomId);
    return services.version() === 2 ? { roomId } : roomId;
  },
  count: (services, call) => {
    const roomId = roomIdOf(call);
    const count = services.hotel.count(roomId);
    if (count === undefined && services.version() === 1)
      throw new KuzzleError('core.realtime.room_not_found', [roomId]);
    return { count: count ?? 0 };
  },
  list: (services) => services.hotel.list(),
  publish,
};
