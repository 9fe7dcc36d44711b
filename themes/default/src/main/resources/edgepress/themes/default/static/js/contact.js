// The contact form (templates/contact.html) with JavaScript on. Without it the form posts as any
// form does and the backend answers with a page; with it:
// - when the page loads, a token is asked of the backend ({"intent":"token"}) and put in _ts: it
//   tells the backend when the form was shown, so that a form sent too soon after is taken for a
//   robot's;
// - the message is sent with fetch as JSON, and the answer is shown here: a thank-you in place of
//   the form, or what to fix (each field marked, the list of problems above the form, linked to
//   the fields), or, when the message could not be sent at all, that it was not sent, with the
//   text kept to try again.
// No inline style and no inline script: the page's Content-Security-Policy (script-src 'self',
// style-src 'self', connect-src from default-src 'self') holds.
(function () {
  'use strict';
  var form = document.getElementById('contact-form');
  if (!form || !window.fetch || !window.JSON) {
    return;
  }
  var summary = document.getElementById('contact-summary');
  var list = document.getElementById('contact-summary-list');
  var sent = document.getElementById('contact-sent');
  var button = form.querySelector('button[type="submit"]');
  var buttonText = button ? button.textContent : '';
  var endpoint = form.getAttribute('action');
  var FIELDS = ['name', 'email', 'subject', 'message'];
  var NOT_SENT = 'The message could not be sent (no connection, or a problem on the server). '
      + 'Your text is still here: please try again.';
  /** The backend refuses a token older than a day; a page kept open that long gets a new one. */
  var TOKEN_LIFE = 12 * 60 * 60 * 1000;
  var busy = false;
  var tokenAt = 0;

  function field(name) {
    return form.elements.namedItem(name);
  }

  function label(input) {
    var l = form.querySelector('label[for="' + input.id + '"]');
    return l && l.firstChild ? l.firstChild.textContent.trim() : input.name;
  }

  function post(body) {
    return fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    });
  }

  function readJson(response) {
    return response.text().then(function (text) {
      try {
        return text ? JSON.parse(text) : {};
      } catch (e) {
        return {};
      }
    });
  }

  function token() {
    post({ intent: 'token' }).then(function (response) {
      return response.ok ? readJson(response) : {};
    }).then(function (data) {
      if (data && typeof data.token === 'string') {
        field('_ts').value = data.token;
        tokenAt = Date.now();
      }
    }).catch(function () {
      // Sent without a token, the message is checked as one from a browser without JavaScript.
    });
  }

  function clearErrors() {
    FIELDS.forEach(function (name) {
      var input = field(name);
      var error = document.getElementById(input.id + '-error');
      input.removeAttribute('aria-invalid');
      var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
        return id && id !== error.id;
      });
      if (described.length) {
        input.setAttribute('aria-describedby', described.join(' '));
      } else {
        input.removeAttribute('aria-describedby');
      }
      error.textContent = '';
      error.hidden = true;
    });
    list.textContent = '';
    summary.hidden = true;
  }

  function item(text, input) {
    var li = document.createElement('li');
    if (input) {
      var a = document.createElement('a');
      a.href = '#' + input.id;
      a.textContent = text;
      a.addEventListener('click', function (e) {
        e.preventDefault();
        input.focus();
      });
      li.appendChild(a);
    } else {
      li.textContent = text;
    }
    list.appendChild(li);
  }

  /** The field errors of an answer: {"errors": {"email": "..."}} or {"errors": [{"field": "email", "message": "..."}]}. */
  function fieldErrors(data) {
    var out = [];
    var errors = data && data.errors;
    if (Array.isArray(errors)) {
      errors.forEach(function (e) {
        if (e && typeof e.message === 'string') {
          out.push({ field: e.field, message: e.message });
        }
      });
    } else if (errors && typeof errors === 'object') {
      Object.keys(errors).forEach(function (name) {
        out.push({ field: name, message: String(errors[name]) });
      });
    }
    return out;
  }

  function showErrors(errors, general) {
    clearErrors();
    errors.forEach(function (e) {
      var input = FIELDS.indexOf(e.field) >= 0 ? field(e.field) : null;
      if (!input) {
        item(e.message, null);
        return;
      }
      var error = document.getElementById(input.id + '-error');
      error.textContent = e.message;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      var described = input.getAttribute('aria-describedby');
      input.setAttribute('aria-describedby', described ? described + ' ' + error.id : error.id);
      item(label(input) + ': ' + e.message, input);
    });
    if (general) {
      item(general, null);
    }
    if (!list.firstChild) {
      item(NOT_SENT, null);
    }
    summary.hidden = false;
    summary.focus();
  }

  function done() {
    busy = false;
    if (button) {
      button.removeAttribute('aria-disabled');
      button.textContent = buttonText;
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    if (button) {
      button.setAttribute('aria-disabled', 'true');
      button.textContent = 'Sending\u2026';
    }
    var body = {};
    FIELDS.concat(['website', '_ts']).forEach(function (name) {
      var input = field(name);
      body[name] = input ? input.value : '';
    });
    post(body).then(function (response) {
      if (response.status >= 500) {
        throw new Error('server error ' + response.status);
      }
      return readJson(response).then(function (data) {
        done();
        if (response.ok) {
          clearErrors();
          form.reset();
          form.hidden = true;
          sent.hidden = false;
          sent.focus();
          return;
        }
        var message = data && (typeof data.message === 'string' ? data.message
            : typeof data.error === 'string' ? data.error : null);
        showErrors(fieldErrors(data), message);
        if (!tokenAt || Date.now() - tokenAt > TOKEN_LIFE) {
          token(); // none yet, or one the backend takes for too old: the next try gets a new one
        }
      });
    }).catch(function () {
      done();
      showErrors([], NOT_SENT);
    });
  });

  token();
}());
