/**
 * Linux notification daemons read a body as markup; text from servers must stay text, so a
 * message containing "<b>" shows those characters rather than bold.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
