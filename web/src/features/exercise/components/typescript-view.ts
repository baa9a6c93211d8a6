import { conf, language } from 'monaco-editor/languages/definitions/typescript/typescript';
import { monaco } from './monaco.ts';

/**
 * TypeScript coloured as in the editor, but no TypeScript service: for code only shown (the
 * solution's diff). A `typescript` model would join the service's program, be checked, and slow
 * every completion in the learner's editor.
 */
export const TYPESCRIPT_VIEW = 'keyspace-typescript-view';

monaco.languages.register({ id: TYPESCRIPT_VIEW });
monaco.languages.setMonarchTokensProvider(TYPESCRIPT_VIEW, language);
monaco.languages.setLanguageConfiguration(TYPESCRIPT_VIEW, conf);
