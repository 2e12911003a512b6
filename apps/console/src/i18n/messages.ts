/**
 * Every string the console shows, in Chinese (the default, zh.ts) and
 * English (en.ts). Components take their text from here through
 * react-i18next, never inline.
 */
export { en } from './en';
export { zh, type MessageKey } from './zh';
