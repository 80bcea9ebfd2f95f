// What is typed into a page's form is kept in this browser, per user, until the server has had it: a form sent when
// the session had run out (the sign-in page comes instead), a tab the phone closed, or a page left by mistake comes
// back into the same form's empty fields next time, with a note and a way to drop it. Hidden fields (request keys,
// tokens) and passwords are never kept; a sign-out drops the user's drafts; a draft is kept a week at most.
(function () {
    const script = document.currentScript.dataset;
    const prefix = 'yihao-draft:';
    const week = 7 * 24 * 3600 * 1000;
    const typed = /^(text|number|date|time|month|tel|email|search|url|datetime-local)$/;
    const own = prefix + script.user + ':';

    function read(key) {
        try { return JSON.parse(localStorage.getItem(key)); } catch { return null; }
    }
    function write(key, draft) {
        try { localStorage.setItem(key, JSON.stringify(draft)); } catch { /* full or off: nothing to keep */ }
    }
    function each(fn) {
        for (let i = localStorage.length - 1; i >= 0; i--) {
            const key = localStorage.key(i);
            if (key && key.startsWith(prefix)) fn(key, read(key));
        }
    }
    function kept(form) {
        return form.method === 'post' && !form.hasAttribute('data-no-unsaved')
            && !form.querySelector('input[type=password]');
    }
    function fields(form) {
        return [...form.elements].filter(e => e.name && !e.disabled && (e.tagName === 'TEXTAREA'
            || e.tagName === 'SELECT' || (e.tagName === 'INPUT' && typed.test(e.type))));
    }
    function initial(f) {
        if (f.tagName !== 'SELECT') return f.defaultValue;
        const chosen = [...f.options].find(o => o.defaultSelected) || f.options[0];
        return chosen ? chosen.value : '';
    }
    // A form is known by its page, where it sends to, and its place among the page's forms that send there.
    function keyOf(form) {
        const action = form.getAttribute('action') || '';
        const same = [...document.forms].filter(f => (f.getAttribute('action') || '') === action);
        return own + location.pathname + ':' + action + ':' + same.indexOf(form);
    }
    function save(form, sent) {
        const values = {};
        for (const f of fields(form)) values[f.name] = f.value;
        write(keyOf(form), { at: Date.now(), sent: sent, values: values });
    }

    try { localStorage.length; } catch { return; }
    each((key, draft) => { if (!draft || Date.now() - draft.at > week) localStorage.removeItem(key); });
    if (!script.user) {
        // Signed out with a form just sent: the session had run out and the form did not arrive.
        each((key, draft) => { if (draft.sent) write(key, { ...draft, sent: false }); });
        return;
    }
    // Signed in after a form was sent: it arrived (its page shows what became of it).
    each((key, draft) => { if (key.startsWith(own) && draft.sent) localStorage.removeItem(key); });

    for (const form of [...document.forms].filter(kept)) {
        const key = keyOf(form), draft = read(key);
        if (!draft) continue;
        const back = fields(form).filter(f => draft.values[f.name] && f.value === initial(f)
            && f.value !== draft.values[f.name] && (f.tagName === 'SELECT' || f.value === ''));
        if (back.length === 0 || !back.some(f => f.tagName !== 'SELECT')) continue;
        for (const f of back) {
            f.value = draft.values[f.name];
            f.dispatchEvent(new Event('input', { bubbles: true }));
            f.dispatchEvent(new Event('change', { bubbles: true }));
        }
        const note = document.createElement('p');
        note.className = 'notice draft-note';
        note.dataset.testid = 'draft-restored';
        note.textContent = script.restored + ' ';
        const drop = document.createElement('button');
        drop.type = 'button';
        drop.className = 'secondary';
        drop.textContent = script.discard;
        drop.addEventListener('click', () => {
            for (const f of back) {
                f.value = initial(f);
                f.dispatchEvent(new Event('change', { bubbles: true }));
            }
            localStorage.removeItem(key);
            note.remove();
        });
        note.append(drop);
        form.before(note);
        const details = form.closest('details');
        if (details) details.open = true;
    }

    document.addEventListener('input', e => { if (e.target.form && kept(e.target.form)) save(e.target.form, false); });
    document.addEventListener('change', e => { if (e.target.form && kept(e.target.form)) save(e.target.form, false); });
    document.addEventListener('submit', e => {
        const form = e.target;
        if ((form.getAttribute('action') || '').endsWith('/Account/Logout'))
            each(key => { if (key.startsWith(own)) localStorage.removeItem(key); });
        else if (kept(form) && localStorage.getItem(keyOf(form)) !== null) save(form, true);
    });
})();
