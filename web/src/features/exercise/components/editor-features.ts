// The editor's contributions that a learner uses, instead of `monaco-editor/features/register.all`
// and its ~60: inline (AI) completions, code lens, colour pickers, sticky scroll, the Unicode
// highlighter and the rest were more than a third of Monaco's JavaScript, parsed and run before
// the editor could show. Each import registers one feature for every editor on the page.
import 'monaco-editor/features/codicon/register';
// Writing code.
import 'monaco-editor/features/suggest/register';
// The suggest widget itself, which no `features/*/register` of Monaco 0.57 imports.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/rename/register';
// Moving about and editing by keyboard.
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/quickCommand/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/dnd/register';
// Ctrl+M: Tab moves the focus (code-editor.tsx).
import 'monaco-editor/features/toggleTabFocusMode/register';
// The solution's diff: read-only, with its keyboard commands (F7: the accessible diff viewer).
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/diffEditor/register';
