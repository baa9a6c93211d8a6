// ioredis's declarations and what they need, for the editor's TypeScript service: a megabyte of
// JavaScript in a chunk of its own (vite.config.ts), which the editor does not wait for.
import editorTypes from 'virtual:editor-types';
import { typescriptDefaults } from 'monaco-editor/languages/features/typescript/register';

typescriptDefaults.setExtraLibs(editorTypes);
