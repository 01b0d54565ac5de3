/* Cartwise chat widget: one script tag on any page.
 *
 *   <script src="https://shop.example/widget.js" data-page="product" data-product-sku="NX8-128"
 *           data-cart='[{"sku":"NX8-128","qty":1}]' data-budget="800" data-mount="#chat"></script>
 *
 * Without data-mount a "Chat with us" button opens a floating panel (a bottom sheet on phones, with a close
 * button). The page can update the context later:
 *   Cartwise.setContext({page: "cart", cart: [{sku: "NX8-128", qty: 1}]})
 * Taking an offer (its button, or a typed "yes please" the server recognises) calls the host's
 *   Cartwise.onAddToCart = function (item) {...}   // item: {sku, qty, name, price, currency, kind, replaces_sku,
 *                                                  //        url, image_url, via: "button" | "typed"}
 * (and dispatches a "cartwise:accept" event on window with {sku, offer, item}). Taking an upgrade also moves the
 * product in focus: the widget's context.product_sku becomes the new sku and Cartwise.onFocusChange(item) is called.
 * Replies stream from POST /v1/chat/stream (Server-Sent Events read with fetch + ReadableStream).
 */
(function () {
  "use strict";
  if (window.Cartwise && window.Cartwise._loaded) return;

  var script = document.currentScript;
  var base = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var data = (script && script.dataset) || {};

  function parseJSON(text, fallback) {
    try { return text ? JSON.parse(text) : fallback; } catch (e) { return fallback; }
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "s-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  function storedSession() {
    try {
      var id = sessionStorage.getItem("cartwise.session");
      if (!id) { id = newId(); sessionStorage.setItem("cartwise.session", id); }
      return id;
    } catch (e) { return newId(); }
  }

  var context = {};
  if (data.page) context.page = data.page;
  if (data.productSku) context.product_sku = data.productSku;
  if (data.cart) context.cart = parseJSON(data.cart, []);
  if (data.budget && !isNaN(Number(data.budget))) context.budget = Number(data.budget);
  context.locale = data.locale || navigator.language || "en";

  // offers: the cards shown, by sku, so a typed yes can settle the right card.
  var state = { sessionId: data.sessionId || storedSession(), busy: false, token: null, offers: {} };

  // The session token from the first reply: later turns and offer events must carry it (X-Session-Token).
  function tokenKey() { return "cartwise.token." + state.sessionId; }
  try { state.token = sessionStorage.getItem(tokenKey()); } catch (e) {}
  function keepToken(token) {
    if (!token || token === state.token) return;
    state.token = token;
    try { sessionStorage.setItem(tokenKey(), token); } catch (e) {}
  }
  function jsonHeaders(extra) {
    var headers = Object.assign({ "Content-Type": "application/json" }, extra || {});
    if (state.token) headers["X-Session-Token"] = state.token;
    return headers;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "class") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function loadStyles() {
    var href = base + "/style.css";
    var links = document.querySelectorAll("link[rel=stylesheet]");
    for (var i = 0; i < links.length; i++) if (links[i].href === href) return;
    document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(context.locale || undefined, { style: "currency", currency: currency || "USD" })
        .format(amount);
    } catch (e) { return (currency || "") + " " + Number(amount).toFixed(2); }
  }

  // --- DOM ------------------------------------------------------------------------------------------
  var root, log, input, sendBtn, launcher, typing = null;

  function build() {
    loadStyles();
    var mount = data.mount ? document.querySelector(data.mount) : null;
    root = el("section", { class: "cw-widget", "aria-label": "Shop assistant chat" });
    var header = el("div", { class: "cw-header" });
    var heading = el("div", { class: "cw-heading" });
    heading.appendChild(el("span", { id: "cw-title" }, data.title || "Shop assistant"));
    heading.appendChild(el("small", null, "Ask about products, sizes, what fits together."));
    header.appendChild(heading);
    root.appendChild(header);
    log = el("div", { class: "cw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
                      "aria-labelledby": "cw-title", tabindex: "0" });
    root.appendChild(log);
    var form = el("form", { class: "cw-form" });
    var label = el("label", { for: "cw-input", class: "cw-sr-only" }, "Your message");
    input = el("input", { id: "cw-input", class: "cw-input", type: "text", autocomplete: "off",
                          maxlength: "2000", placeholder: "Type your question…" });
    sendBtn = el("button", { class: "cw-btn", type: "submit" }, "Send");
    form.appendChild(label); form.appendChild(input); form.appendChild(sendBtn);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (text && !state.busy) { input.value = ""; send(text); }
    });
    root.appendChild(form);

    if (mount) {
      mount.appendChild(root);
    } else {
      root.classList.add("cw-floating");
      root.hidden = true;
      root.id = "cw-panel";
      root.setAttribute("role", "dialog");
      root.setAttribute("aria-labelledby", "cw-title");
      root.removeAttribute("aria-label");
      var closeBtn = el("button", { class: "cw-close", type: "button", "aria-label": "Close chat" }, "\u00d7");
      closeBtn.addEventListener("click", function () { close(); launcher.focus(); });
      header.appendChild(closeBtn);
      launcher = el("button", { class: "cw-launcher", type: "button", "aria-expanded": "false",
                                "aria-controls": "cw-panel" }, data.launcherText || "Chat with us");
      launcher.addEventListener("click", function () { root.hidden ? open() : close(); });
      document.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape" && !root.hidden) { close(); launcher.focus(); }
      });
      document.body.appendChild(launcher);
      document.body.appendChild(root);
    }
    if (data.greeting !== "") addMessage("bot", data.greeting || "Hi! How can I help you today?");
    cartwiseFollowRep(base, function () { return state.sessionId; }, function () { return state.token; }, addMessage);
  }

  /** Show the panel; ``focusInput === false`` leaves the focus where it is (opening on page load). */
  function open(focusInput) {
    if (!root) return;
    root.hidden = false;
    if (launcher) launcher.setAttribute("aria-expanded", "true");
    if (focusInput !== false) input.focus();
  }

  function close() {
    if (!root || !launcher) return;
    root.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
  }

  // Who said it, for screen readers: the shopper's own words and a rep's (a person, not the assistant).
  var SPEAKERS = { user: "You: ", rep: "Shop staff: " };

  /** Append a message: who is "user", "bot", "rep" (a person from the shop) or "error". */
  function addMessage(who, text) {
    hideTyping();
    var node = el("div", { class: "cw-msg cw-" + who }, text);
    if (SPEAKERS[who]) node.insertBefore(el("span", { class: "cw-sr-only" }, SPEAKERS[who]), node.firstChild);
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }

  // Three dots while a turn is in flight; the log says aria-busy, the indicator names itself for screen readers.
  function showTyping() {
    if (typing) return;
    typing = el("div", { class: "cw-typing", role: "status" });
    typing.appendChild(el("span", { class: "cw-sr-only" }, "The assistant is typing\u2026"));
    for (var i = 0; i < 3; i++) typing.appendChild(el("span", { class: "cw-dot", "aria-hidden": "true" }));
    log.appendChild(typing);
    log.scrollTop = log.scrollHeight;
  }

  function hideTyping() {
    if (typing && typing.parentNode) typing.parentNode.removeChild(typing);
    typing = null;
  }

  function setBusy(busy) {
    state.busy = busy;
    sendBtn.disabled = busy;
    log.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) showTyping(); else hideTyping();
  }

  // --- taking an offer: the host's cart and the product in focus ----------------------------------
  // The same actions the server answers a typed yes with (agent/acceptance.py), for the card's button.
  function actionsFor(offer) {
    var replaces = offer.kind === "upsell" ? offer.replaces_sku || null : null;
    var actions = [{ type: "add_to_cart", sku: offer.sku, qty: 1, replaces_sku: replaces }];
    if (offer.kind === "upsell") actions.push({ type: "set_focus", sku: offer.sku, replaces_sku: replaces });
    return actions;
  }

  function itemFor(action, offer, via) {
    offer = offer || {};
    return { sku: action.sku, qty: action.qty || 1, name: offer.name || action.sku, price: offer.price,
             currency: offer.currency, kind: offer.kind, replaces_sku: action.replaces_sku || null,
             url: offer.url || null, image_url: offer.image_url || null, via: via };
  }

  function callHost(name, item) {
    var fn = window.Cartwise[name];
    if (typeof fn !== "function") return;
    try { fn(item); } catch (e) { if (window.console) console.error("Cartwise." + name + " failed", e); }
  }

  /** Do what taking an offer asks of the page: add to the host's cart, move the focus to an upgrade. */
  function applyActions(actions, via) {
    (actions || []).forEach(function (action) {
      var shown = state.offers[action.sku];
      var item = itemFor(action, shown && shown.offer, via);
      if (action.type === "add_to_cart") {
        if (shown && via === "typed") shown.settled("accepted");
        callHost("onAddToCart", item);
        window.dispatchEvent(new CustomEvent("cartwise:accept",
                                             { detail: { sku: action.sku, offer: shown && shown.offer, item: item } }));
      } else if (action.type === "set_focus") {
        context.product_sku = action.sku;
        callHost("onFocusChange", item);
      }
    });
  }

  // --- events API -----------------------------------------------------------------------------------
  function postEvent(type, sku, extra) {
    var body = Object.assign({ session_id: state.sessionId, type: type, sku: sku }, extra || {});
    return fetch(base + "/v1/events", {
      method: "POST", headers: jsonHeaders(), body: JSON.stringify(body),
    }).then(function (r) { return r.ok; }).catch(function () { return false; });
  }

  // The server's card_line ("+$29", "+4.1% on your cart", "+$150 over …"); this only covers older servers.
  function upliftText(offer) {
    if (offer.card_line) return offer.card_line;
    var pct = Math.round(offer.uplift_pct * 10) / 10;
    return offer.kind === "upsell" ? "+" + pct + "% over your current pick" : "+" + pct + "% on your cart";
  }

  // Catalog links open only as web pages: a javascript: or data: URL in a catalog must not run on the shop page.
  function safeUrl(url) {
    if (!url) return null;
    try {
      var u = new URL(url, location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) { return null; }
  }

  // The typed reason (offer.why) read aloud; offers without one show their reason text as it is.
  var PLACES = { in_cart: "in your cart", in_focus: "you are looking at", just_bought: "you just bought" };
  function reasonText(offer) {
    var why = offer.why;
    if (!why) return offer.reason;
    if (why.kind === "answers_need" && why.need) return "You mentioned \u201c" + why.need + "\u201d";
    if (why.kind === "goes_with" && why.goes_with) {
      return "Goes with the " + why.goes_with.name + " " + (PLACES[why.goes_with.where] || "");
    }
    if (why.kind === "goes_with") return "Goes with your order";
    return offer.reason;
  }

  function renderOffer(offer) {
    var card = el("article", { class: "cw-offer", "data-sku": offer.sku, "aria-label": "Suggestion: " + offer.name });
    var image = safeUrl(offer.image_url), link = safeUrl(offer.url);
    var top = el("div", { class: "cw-offer-top" });
    if (image) {
      // Decorative: the name next to it says what it shows.
      top.appendChild(el("img", { class: "cw-offer-img", src: image, alt: "", loading: "lazy",
                                  width: "64", height: "64" }));
    }
    var body = el("div", { class: "cw-offer-body" });
    body.appendChild(el("h3", null, offer.name));
    var price = el("div");
    price.appendChild(el("span", { class: "cw-price" }, money(offer.price, offer.currency)));
    price.appendChild(el("span", { class: "cw-uplift" }, upliftText(offer)));
    body.appendChild(price);
    if (link) {
      body.appendChild(el("a", { class: "cw-link", href: link, target: "_blank", rel: "noopener",
                                 "aria-label": "View " + offer.name + " (opens in a new tab)" }, "View product"));
    }
    top.appendChild(body);
    card.appendChild(top);
    card.appendChild(el("p", { class: "cw-reason" }, reasonText(offer)));
    var actions = el("div", { class: "cw-actions" });
    var accept = el("button", { class: "cw-btn cw-accept", type: "button", "aria-label": "Accept " + offer.name },
                    offer.kind === "upsell" ? "Switch to this" : "Add to cart");
    var decline = el("button", { class: "cw-btn cw-secondary cw-decline", type: "button",
                                 "aria-label": "No thanks to " + offer.name }, "No thanks");
    var status = el("p", { class: "cw-status", role: "status" });
    actions.appendChild(accept); actions.appendChild(decline);
    card.appendChild(actions); card.appendChild(status);

    var accepted = offer.kind === "upsell" ? "Switched. Good choice." : "Added to your cart.";
    function mark(type, message) {
      accept.disabled = true; decline.disabled = true;
      status.textContent = message;
      card.setAttribute("data-outcome", type);
    }
    function settle(type, message) {
      accept.disabled = true; decline.disabled = true;
      return postEvent(type, offer.sku).then(function (ok) {
        mark(ok ? type : "error", ok ? message : "Could not save that, sorry.");
        input.focus();
        return ok;
      });
    }
    // A typed yes was recorded by the server already: the card only shows it.
    state.offers[offer.sku] = { offer: offer, settled: function () { mark("accepted", accepted); } };
    accept.addEventListener("click", function () {
      settle("accepted", accepted).then(function (ok) { if (ok) applyActions(actionsFor(offer), "button"); });
    });
    decline.addEventListener("click", function () { settle("declined", "Got it, I won't suggest that again."); });
    log.appendChild(card);
    log.scrollTop = log.scrollHeight;
    postEvent("shown", offer.sku);
  }

  // --- chat over SSE --------------------------------------------------------------------------------
  function parseFrame(frame) {
    var event = "message", lines = [];
    frame.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) event = line.slice(6).trim();
      else if (line.indexOf("data:") === 0) lines.push(line.slice(5).replace(/^ /, ""));
    });
    return { event: event, data: parseJSON(lines.join("\n"), {}) };
  }

  function errorText(resp, body) {
    if (resp.status === 429) {
      var wait = resp.headers.get("Retry-After");
      return "You're sending messages quickly. Please wait " + (wait || "a few") + " seconds.";
    }
    if (resp.status === 413 || resp.status === 422) return "That message is too long. Please shorten it.";
    if (resp.status === 401) return "This conversation can't be continued here. Please start a new one.";
    return (body && typeof body.detail === "string") ? body.detail : "Sorry, something went wrong. Please try again.";
  }

  function send(text) {
    addMessage("user", text);
    setBusy(true);
    var bubble = null, full = "";
    if (root && root.hidden) open(false);
    var payload = { session_id: state.sessionId, message: text, context: context };
    return fetch(base + "/v1/chat/stream", {
      method: "POST", headers: jsonHeaders({ Accept: "text/event-stream" }),
      body: JSON.stringify(payload),
    }).then(function (resp) {
      if (!resp.ok || !resp.body) {
        return resp.json().catch(function () { return null; }).then(function (body) {
          addMessage("error", errorText(resp, body));
        });
      }
      var reader = resp.body.getReader(), decoder = new TextDecoder(), buffer = "";
      function handle(frame) {
        var f = parseFrame(frame);
        if (f.event === "delta") {
          if (!bubble) { bubble = addMessage("bot", ""); bubble.setAttribute("aria-busy", "true"); }
          full += f.data.text || "";
          bubble.textContent = full;
          log.scrollTop = log.scrollHeight;
        } else if (f.event === "done") {
          keepToken(f.data.session_token);
          if (!bubble) bubble = addMessage("bot", f.data.reply || "");
          bubble.textContent = f.data.reply || full;
          bubble.setAttribute("aria-busy", "false");
          (f.data.offers || []).forEach(renderOffer);
          applyActions(f.data.actions, "typed");
          if (window.Cartwise.onResponse) window.Cartwise.onResponse(f.data);
        } else if (f.event === "error") {
          addMessage("error", "Sorry, the reply was cut off. Please try again.");
        }
      }
      function pump() {
        return reader.read().then(function (chunk) {
          if (chunk.done) { if (buffer.trim()) handle(buffer); return; }
          buffer += decoder.decode(chunk.value, { stream: true });
          var idx;
          while ((idx = buffer.indexOf("\n\n")) >= 0) {
            handle(buffer.slice(0, idx));
            buffer = buffer.slice(idx + 2);
          }
          return pump();
        });
      }
      return pump();
    }).catch(function () {
      addMessage("error", "Can't reach the shop assistant right now.");
    }).then(function () { setBusy(false); });
  }

  window.Cartwise = {
    _loaded: true,
    /** Merge shopper context (page, product_sku, cart, budget, locale) into what the next turns send. */
    setContext: function (ctx) { Object.assign(context, ctx || {}); return Object.assign({}, context); },
    getContext: function () { return Object.assign({}, context); },
    send: function (text) { return send(String(text)); },
    open: open,
    close: close,
    get sessionId() { return state.sessionId; },
    /** Start a new conversation (new session id). */
    reset: function () {
      state.sessionId = newId();
      state.token = null;
      try { sessionStorage.setItem("cartwise.session", state.sessionId); } catch (e) {}
      state.offers = {};
      if (log) log.textContent = "";
    },
    /** Host hooks: onAddToCart(item) adds a taken offer to the shop's cart; onFocusChange(item) shows an upgrade. */
    onAddToCart: null,
    onFocusChange: null,
    onResponse: null,
  };

  // --- rep messages ---------------------------------------------------------------------------------
  // A person from the shop can join the conversation: their messages go in the log with addMessage("rep", text).

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build); else build();
})();

/* A rep's replies, live: once the session has a token, listen on GET /v1/chat/events (Server-Sent Events) and
 * show each `rep_message` in the transcript. Self-contained: the widget passes its API origin, how to read its
 * session id and token, and its addMessage(who, text). EventSource reconnects by itself and resumes after the last
 * id it saw. */
function cartwiseFollowRep(base, sessionOf, tokenOf, addMessage) {
  "use strict";
  var opts = { base: base, session: sessionOf, token: tokenOf, show: function (t) { return addMessage("rep", t); } };
  if (typeof EventSource === "undefined") return;
  var source = null, followed = null, retryAt = 0;
  function follow() {
    var sid = opts.session(), token = opts.token();
    if (!token || sid + token === followed || Date.now() < retryAt) return;
    if (source) source.close();
    followed = sid + token;
    var url = opts.base + "/v1/chat/events?session_id=" + encodeURIComponent(sid) +
      "&token=" + encodeURIComponent(token);
    source = new EventSource(url);
    source.addEventListener("rep_message", function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (opts.session() !== sid || !msg.text) return;
      var node = opts.show(msg.text);
      if (node) {
        node.setAttribute("data-rep-id", String(msg.id));
        node.style.alignSelf = "flex-start";  // inline: the widget's stylesheet stays the layout's own
        node.style.background = "#e6f2ea";
        node.insertBefore(document.createElement("strong"), node.firstChild).textContent = "Our team: ";
      }
    });
    source.onerror = function () {
      // Refused (e.g. a token from before a reset): look again in a while rather than hammer the server.
      if (source.readyState === EventSource.CLOSED) { followed = null; retryAt = Date.now() + 10000; }
    };
  }
  follow();
  // The token arrives with the first reply and changes on reset: look again now and then (no request is made).
  setInterval(follow, 1000);
}
