/*
 * Keeps the header's date and city clocks and the day counters current while a page stays open.
 * The server renders every value right for the moment of the request; this script only renews
 * them each minute, in the IANA zones carried by data attributes, so daylight-saving changes and
 * midnight in the embassy's zone are right whatever the visitor's own zone. Without it nothing breaks.
 */
(function () {
  "use strict";

  var MINUTE = 60 * 1000;
  var DAY = 24 * 60 * MINUTE;

  // The calendar date of `instant` in `zone`, as {year, month, day} numbers.
  function dateIn(zone, instant) {
    var parts = {};
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, year: "numeric", month: "numeric", day: "numeric"
    }).formatToParts(instant).forEach(function (part) { parts[part.type] = Number(part.value); });
    return parts;
  }

  function isoDate(d) {
    return String(d.year).padStart(4, "0") + "-" + String(d.month).padStart(2, "0") + "-" +
      String(d.day).padStart(2, "0");
  }

  // "+03:00" for Moscow, "Z" where the browser cannot tell.
  function offsetIn(zone, instant) {
    try {
      var name = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
        .formatToParts(instant).find(function (part) { return part.type === "timeZoneName"; }).value;
      var offset = name.replace("GMT", "");
      return offset === "" ? "+00:00" : offset;
    } catch (error) {
      return null;
    }
  }

  // "26 October 2021" / "26 октября 2021": the day, month and year parts and what lies between
  // them, without the suffix some locales add ("2021 г.").
  function longDate(locale, zone, instant) {
    var parts = new Intl.DateTimeFormat(locale, {
      timeZone: zone, day: "numeric", month: "long", year: "numeric"
    }).formatToParts(instant);
    var kept = parts.map(function (part) { return ["day", "month", "year"].indexOf(part.type) >= 0; });
    var first = kept.indexOf(true);
    var last = kept.lastIndexOf(true);
    return parts.slice(first, last + 1).map(function (part) { return part.value; }).join("");
  }

  // Runs `update`; a zone the browser does not know leaves that one value as the server rendered it
  // and never stops the other clocks and counters.
  function attempt(update) {
    try {
      update();
    } catch (error) {
      if (window.console) {
        window.console.error(error);
      }
    }
  }

  function renewClock(clock, instant) {
    var zone = clock.dataset.clockZone;
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(instant).forEach(function (part) { parts[part.type] = part.value; });
    clock.textContent = parts.hour + ":" + parts.minute;
    var offset = offsetIn(zone, instant);
    clock.setAttribute("datetime", offset === null
      ? new Date(Math.floor(instant / MINUTE) * MINUTE).toISOString().slice(0, 16) + "Z"
      : isoDate(dateIn(zone, instant)) + "T" + parts.hour + ":" + parts.minute + offset);
  }

  function renewClocks(instant) {
    document.querySelectorAll(".site-clocks").forEach(function (block) {
      var locale = block.dataset.intlLocale || document.documentElement.lang;
      var siteZone = block.dataset.siteZone;
      var date = block.querySelector(".site-clocks__date");
      if (date && siteZone) {
        attempt(function () {
          date.textContent = longDate(locale, siteZone, instant);
          date.setAttribute("datetime", isoDate(dateIn(siteZone, instant)));
        });
      }
      block.querySelectorAll("time[data-clock-zone]").forEach(function (clock) {
        attempt(function () { renewClock(clock, instant); });
      });
    });
  }

  // Django's interpolate(): fills %(name)s placeholders from `values`.
  function interpolate(format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, key) { return String(values[key]); });
  }

  // The sentence of one counter for today in `zone`.
  function renewCounter(counter, zone, forms, instant) {
    var rules = new Intl.PluralRules(document.documentElement.lang);
    var today = dateIn(zone, instant);
    var todayUtc = Date.UTC(today.year, today.month - 1, today.day);
    var start = counter.dataset.counterStart.split("-").map(Number);
    var days = Math.round((todayUtc - Date.UTC(start[0], start[1] - 1, start[2])) / DAY);
    // The server's gettext form for a sample number in the same plural category as `days`.
    var category = rules.select(days);
    var sample = Object.keys(forms).find(function (n) { return rules.select(Number(n)) === category; });
    var sentence = counter.querySelector(".day-counter__sentence");
    if (sample === undefined || !sentence) {
      return;
    }
    sentence.textContent = interpolate(forms[sample], { count: days, name: counter.dataset.counterName });
  }

  function renewCounters(instant) {
    document.querySelectorAll(".day-counters").forEach(function (block) {
      var zone = block.dataset.siteZone;
      var forms;
      try {
        forms = JSON.parse(block.dataset.counterForms);
      } catch (error) {
        return;
      }
      block.querySelectorAll("[data-counter-start]").forEach(function (counter) {
        attempt(function () { renewCounter(counter, zone, forms, instant); });
      });
    });
  }

  var timer = null;

  function tick() {
    var now = Date.now();
    // Re-armed first: nothing that follows can stop the next tick.
    clearTimeout(timer);
    // Wake at the start of the next minute, when the clocks (and at midnight the counters) change.
    timer = setTimeout(tick, MINUTE - (now % MINUTE) + 50);
    attempt(function () { renewClocks(now); });
    attempt(function () { renewCounters(now); });
  }

  tick();
  // Timers sleep in background tabs and in the back-forward cache: catch up when the page returns.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      tick();
    }
  });
  window.addEventListener("pageshow", tick);
})();
