import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zh } from './messages';

export type Language = 'zh-CN' | 'en';

const STORED = 'causeway.language';

/** The console's language: Chinese unless the person chose English (remembered in this browser). */
export function initialLanguage(): Language {
  return localStorage.getItem(STORED) === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
  document.documentElement.lang = language;
}

await i18next.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  interpolation: { escapeValue: false },
});

export default i18next;
