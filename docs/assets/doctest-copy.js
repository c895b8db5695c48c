/*
 * doctest-copy.js: the copy button on doctest (```pycon) blocks copies code
 * you can run, the way the copy button in Python's own docs does: `>>> ` and
 * `... ` prompts are removed and output lines are left out. Other code blocks
 * copy exactly as before.
 *
 * How it hooks into Material for MkDocs (checked against mkdocs-material 9.8.2):
 * Material's copy button is
 *   <button class="md-code__button" data-clipboard-target="#__code_N > code">
 * and clipboard.js handles its clicks with a listener on document.body. That
 * listener copies the button's `data-clipboard-text` attribute if the button
 * has one, and the text of the code block if it does not. This script listens
 * for clicks on the whole document in the capture phase, so it always runs
 * first. On a doctest block it puts the runnable code into
 * `data-clipboard-text`, and clipboard.js then copies that code. We don't
 * replace the copy itself, so Material still shows its "Copied to clipboard"
 * message.
 *
 * The listener is attached once, to `document`, and only looks up the button
 * when a click happens. Buttons Material creates later are covered too, and
 * so are the pages that instant navigation (`document$`) swaps in. We don't
 * need to subscribe to `document$`.
 */
(function () {
  "use strict";

  // Guard against being run twice (e.g. if the script is ever re-inserted).
  if (window.__doctestCopyInstalled) return;
  window.__doctestCopyInstalled = true;

  var PROMPT = /^(>>>|\.\.\.)( |$)/;   // a doctest prompt, with its space
  var LANGS = /\blanguage-(pycon|python-console|doctest)\b/;

  // A doctest block either has a language class (pymdownx.highlight with
  // pygments_lang_class: true, or highlighting done in JavaScript) or, by
  // default, Pygments' console lexer marks its prompts as <span class="gp">.
  // The Python lexer never emits .gp, so a ">>>" in a ```python block
  // (a docstring, say) does not count.
  function isDoctest(code) {
    var block = code.closest(".highlight") || code;
    if (LANGS.test(block.className) || LANGS.test(code.className)) return true;
    var prompts = code.querySelectorAll(".gp");
    for (var i = 0; i < prompts.length; i++) {
      if (prompts[i].textContent.trim() === ">>>") return true;
    }
    return false;
  }

  // Read the block's text the way Material does. The data-md-copying attribute
  // hides code annotations and other non-code parts while the text is read.
  function blockText(code) {
    code.setAttribute("data-md-copying", "");
    var text = code.innerText;
    code.removeAttribute("data-md-copying");
    return text;
  }

  // The doctest rules: a ">>>" line starts an example. A "..." line continues
  // it only if it directly follows a line of that example. Every other line
  // is output (including tracebacks and blank lines) and is left out.
  // A blank line is added after an indented block before the next example,
  // so the result also pastes into the interactive interpreter.
  function runnable(text) {
    var out = [];
    var inExample = false;
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var m = PROMPT.exec(line);
      if (m && (m[1] === ">>>" || inExample)) {
        var src = line.slice(m[0].length);
        var prev = out.length ? out[out.length - 1] : "";
        if (m[1] === ">>>" && /^\s/.test(prev)) out.push("");
        out.push(src);
        inExample = true;
      } else {
        inExample = false;            // an output line
      }
    }
    return out.join("\n").replace(/\s+$/, "") + "\n";
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var button = target.closest("[data-clipboard-target]");
    if (!button) return;
    var code;
    try {
      code = document.querySelector(button.getAttribute("data-clipboard-target"));
    } catch (e) {
      return;                         // not a selector: not a Material code block
    }
    if (!code || !isDoctest(code)) return;
    var text = blockText(code);
    if (!/^>>>( |$)/m.test(text)) return;   // no prompts: copy unchanged
    button.setAttribute("data-clipboard-text", runnable(text));
  }, true);
})();
