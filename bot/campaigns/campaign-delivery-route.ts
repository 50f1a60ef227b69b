// Not a route: the campaign dispatcher stops with the server, letting the messages in flight finish
// before the database closes (the close hooks run after HTTP stops).
import type { RouteRegistration } from '../routes.js';

export const campaignDelivery: RouteRegistration = (_server, { container, onClose }) => {
  onClose(() => container.campaigns.dispatcher.stop());
};
