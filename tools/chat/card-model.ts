// The model of a card as the terminal chat shows it: its numbered inputs and buttons, the lines of one
// rendered activity, and the content types of the attachments this bot sends.

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.card.file.download.info';
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

export type Json = Record<string, unknown>;

export interface Choice {
  title: string;
  value: string;
}

export type InputType = 'Input.Text' | 'Input.Number' | 'Input.Date' | 'Input.Time' | 'Input.ChoiceSet' | 'Input.Toggle';

export interface CardInput {
  number: number;
  id: string;
  type: InputType;
  label?: string;
  placeholder?: string;
  isRequired: boolean;
  errorMessage?: string;
  /** The card's own `value` (the default), as the string a renderer would send. */
  defaultValue?: string;
  choices: Choice[];
  isMultiSelect: boolean;
  /** Free text allowed besides the listed choices (typeahead with `choices.data`). */
  allowsCustomChoice: boolean;
  isMultiline: boolean;
  min?: string;
  max?: string;
  maxLength?: number;
  regex?: string;
  valueOn: string;
  valueOff: string;
  /** Id of the (sub)card the input belongs to: an action gathers the inputs of its card and the cards above. */
  scope: number;
}

export type ActionKind = 'execute' | 'submit' | 'openUrl' | 'showCard' | 'cardAction';

export interface CardActionModel {
  number: number;
  kind: ActionKind;
  /** Adaptive Card action type (`Action.Execute`…) or Bot Framework CardAction type (`imBack`…). */
  type: string;
  title: string;
  verb?: string;
  data?: unknown;
  url?: string;
  actionId?: string;
  /** For CardAction buttons (suggested actions, file consent). */
  value?: unknown;
  text?: string;
  displayText?: string;
  /** `auto` (gather inputs of its card and parents) or `none`. */
  associatedInputs: 'auto' | 'none';
  /** Scopes whose inputs this action gathers (its card first, then the parents). */
  scopes: number[];
  isEnabled: boolean;
  /** The activity carrying the card (Teams sends it as `replyToId` when the button is pressed). */
  activityId?: string;
  /** Index of the attachment in the activity. */
  attachmentIndex?: number;
}

/** Everything shown for one activity, with what the user can act on. */
export interface RenderedView {
  lines: string[];
  inputs: CardInput[];
  actions: CardActionModel[];
  /** Adaptive Cards found, in order (to find the card an action belongs to). */
  cards: Json[];
}

export interface RenderOptions {
  /** Current input values (id → value) to show instead of the defaults. */
  values?: ReadonlyMap<string, string>;
  /** Activity id recorded on the actions. */
  activityId?: string;
  /** Width used for separators. */
  width?: number;
}
