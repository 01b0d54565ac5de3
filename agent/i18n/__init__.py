"""The shopper-facing messages in the six languages: gettext catalogs (locales/<lang>/LC_MESSAGES/cartwise.po)
read at run time with Babel, and the lookup that picks a phrasing (:mod:`agent.i18n.messages`)."""
