// What Rocket.Chat's outgoing webhook posts for a new message (`sendMessage`), as the protocol
// notes give it (shared/protocols/rocketchat.md §10, from triggerHandler.ts): its `timestamp` is
// the message's, so one sent now.
export function sendMessagePayload(overrides: Record<string, unknown> = {}) {
  return {
    token: 'G9bz-outgoing-token',
    bot: false,
    channel_id: 'GENERAL',
    channel_name: 'general',
    message_id: 'Xb7kq2Lm9',
    timestamp: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    user_id: 'aliceId',
    user_name: 'alice',
    text: 'deploy now',
    siteUrl: 'https://chat.example.com',
    trigger_word: 'deploy',
    ...overrides,
  };
}
