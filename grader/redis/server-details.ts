/**
 * INFO fields that tell about the machine rather than the data: the sandbox's paths, its process
 * and the kernel. Learners see Redis's own INFO otherwise.
 */
const MACHINE_FIELDS = /^(os|process_id|run_id|executable|config_file):[^\r\n]*/gm;

/** INFO's text with the machine's details replaced by `hidden`. */
export function hideServerDetails(text: string): string {
  return text.replace(MACHINE_FIELDS, '$1:hidden');
}
