/**
 * The intent ids of shared/intents.md: a public contract that workers, tests and outside
 * evaluations rely on. Finer intents map onto one of these through `topic:`.
 */
export const PUBLIC_INTENTS = [
  'sextortion',
  'nude_shared',
  'sexting_pressure',
  'sexting_sent',
  'sexting_law',
  'grooming',
  'meeting_online_contact',
  'loverboy',
  'exploitation',
  'acute_danger',
  'crisis_suicide',
  'self_blame',
  'talk_to_someone',
  'human',
  'report_police',
  'report_anonymous',
  'report_platform',
  'privacy_settings',
  'safety_tips',
  'worker_signals',
  'worker_report',
  'worker_talk',
  'greeting',
  'goodbye',
  'thanks',
  'help_menu',
  'bot_privacy',
  'out_of_scope',
] as const;

export type PublicIntent = (typeof PUBLIC_INTENTS)[number];

export const isPublicIntent = (id: string): id is PublicIntent => (PUBLIC_INTENTS as readonly string[]).includes(id);

/** The two intents that pre-empt every flow. */
export const CRISIS_INTENTS = ['crisis_suicide', 'acute_danger'] as const;
export type CrisisIntent = (typeof CRISIS_INTENTS)[number];

/** After crisis, these pre-empt any step, in this order. */
export const GLOBAL_INTENTS = ['human', 'help_menu', 'goodbye'] as const;

/**
 * How urgent a topic is when a message holds several (crisis > acute danger > being harmed now >
 * feelings > questions > conversation). Lower is more urgent.
 */
export const URGENCY: Record<PublicIntent, number> = {
  crisis_suicide: 0,
  acute_danger: 1,
  exploitation: 2,
  sextortion: 3,
  nude_shared: 3,
  loverboy: 4,
  sexting_pressure: 4,
  grooming: 4,
  meeting_online_contact: 4,
  sexting_sent: 5,
  self_blame: 6,
  talk_to_someone: 6,
  human: 6,
  report_police: 7,
  report_anonymous: 7,
  report_platform: 7,
  sexting_law: 7,
  privacy_settings: 8,
  safety_tips: 8,
  worker_signals: 8,
  worker_report: 8,
  worker_talk: 8,
  bot_privacy: 9,
  help_menu: 9,
  greeting: 10,
  goodbye: 10,
  thanks: 10,
  out_of_scope: 11,
};
