// MQTT's reason codes are the same for every broker; Dino's tests and code name them from here.
export {
  connackError,
  disconnectError,
  reasonWords,
  subackError,
} from '../shared/mqtt-reason-codes.js';
