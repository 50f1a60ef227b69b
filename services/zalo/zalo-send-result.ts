// The outcome of one send attempt on either Zalo surface.
export type ZaloSendResult =
  | { ok: true; messageId?: string }
  /** code: Zalo's error (OA: negative; Bot Platform: error_code); 0 with network: no answer at all. */
  | { ok: false; code: number; message: string; network?: boolean };
