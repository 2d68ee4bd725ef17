// A question the user must answer before something is lost: a modal alert dialog with plain
// buttons, focus on the safe choice, Escape for "no".
import { h, uniqueId } from './dom.js';

/**
 * @param {{ title: string, message: string | Node, yes: string, no: string, danger?: boolean, extra?: Node }} options
 * @returns {Promise<boolean>} true when the user chose `yes`
 */
export function ask({ title, message, yes, no, danger = false, extra }) {
  const titleId = uniqueId('ask-title');
  const messageId = uniqueId('ask-message');
  return new Promise((resolve) => {
    /** @param {boolean} answer */
    const answer = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const noButton = h('button', { type: 'button', onclick: () => answer(false) }, no);
    const dialog = h(
      'dialog',
      {
        class: 'ask',
        role: 'alertdialog',
        'aria-modal': 'true',
        'aria-labelledby': titleId,
        'aria-describedby': messageId,
      },
      h('h2', { id: titleId }, title),
      h('div', { id: messageId }, message),
      extra,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: danger ? 'danger primary' : 'primary',
            onclick: () => answer(true),
          },
          yes,
        ),
        noButton,
      ),
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      answer(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    noButton.focus();
  });
}
