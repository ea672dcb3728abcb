// Diagnostics of descriptions (and of the page's own options) in the page's
// language. The engine writes them in English; here each known message,
// label and hint is matched and rewritten, with the input (in backticks)
// kept as written. Hints that name a command-line tool point to the page.
// An unknown message stays as the engine wrote it.

const NOUNS = {
  "a boolean": "ja/nee (true of false)", "a number": "een getal", "a date": "een datum", "a text": "een tekst",
  "a list": "een lijst", "a mapping": "een afbeelding van sleutels op waarden", "null": "leeg (null)",
  "one value of its list": "één waarde uit de lijst", "a list of values": "een lijst van waarden",
  "one of its listed values": "een van de genoemde waarden", "a mapping of keys to values": "een afbeelding van sleutels op waarden",
  "a plain key": "een gewone sleutel", "fact": "feit", "section": "onderdeel", "key": "sleutel",
};
const noun = (s) => NOUNS[s] ?? s;

/** [English pattern, Dutch text] for messages; `$1`… are the captured parts. */
const MESSAGES = [
  [/^the description is not valid YAML or JSON: (.*)$/s, (m) => `de beschrijving is geen geldige YAML of JSON: ${m[1]}`],
  [/^unknown key `(.*)` in `(.*)`$/, (m) => `onbekende sleutel \`${m[1]}\` in \`${m[2]}\``],
  [/^`(.*)` must be (.*), found (.*)$/, (m) => `\`${m[1]}\` moet ${noun(m[2])} zijn, maar is ${noun(m[3])}`],
  [/^key `(.*)` is given twice in `(.*)`$/, (m) => `sleutel \`${m[1]}\` staat twee keer in \`${m[2]}\``],
  [/^more than one document in the file$/, () => "het bestand bevat meer dan één document"],
  [/^the description is empty$/, () => "de beschrijving is leeg"],
  [/^`(.*)` is not a valid date: (.*)$/, (m) => `\`${m[1]}\` is geen geldige datum: ${m[2]}`],
  [/^`(.*)` is not a valid date in the form YYYY-MM-DD$/, (m) => `\`${m[1]}\` is geen geldige datum in de vorm JJJJ-MM-DD`],
  [/^unknown law `(.*)`$/, (m) => `onbekende wet \`${m[1]}\``],
  [/^the answer `(.*)` conflicts with another answer$/, (m) => `het antwoord \`${m[1]}\` botst met een ander antwoord`],
  [/^bad options: (.*)$/, (m) => `onjuiste opties: ${m[1]}`],
];

const LABELS = [
  [/^here$/, () => "hier"],
  [/^not a declared (.*)$/, (m) => `geen gedeclareerd ${noun(m[1])}`],
  [/^(.*) here$/, (m) => `${noun(m[1])} hier`],
  [/^not a listed value$/, () => "geen van de genoemde waarden"],
];

/** Hints: [pattern, Dutch, English] (English given where the engine's hint names a command). */
const HINTS = [
  [/^check the indentation and the quotes around this point; JSON is accepted too$/, () => "controleer de inspringing en de aanhalingstekens rond dit punt; JSON mag ook"],
  [/^did you mean `(.*)`\?$/, (m) => `bedoelt u \`${m[1]}\`?`],
  [/^expected one of: (.*)$/, (m) => `verwacht een van: ${m[1]}`],
  [/^run `toets schema` for every key a description can have$/,
    () => "laad een voorbeeld (Voorbeeld laden) om te zien welke sleutels een beschrijving kan hebben, of beantwoord de vragen op het tabblad Vragen",
    () => "load an example (Load an example) to see the keys a description can have, or answer the questions on the Questions tab"],
  [/^write `true` or `false` \(without quotes\)$/, () => "schrijf `true` of `false` (zonder aanhalingstekens)"],
  [/^write a number without quotes, e\.g\. `(.*)`$/, (m) => `schrijf een getal zonder aanhalingstekens, bijvoorbeeld \`${m[1]}\``],
  [/^write one of: (.*)$/, (m) => `schrijf een van: ${m[1]}`],
  [/^write a list of values from: (.*), e\.g\. `(.*)`$/, (m) => `schrijf een lijst van waarden uit: ${m[1]}, bijvoorbeeld \`${m[2]}\``],
  [/^write it as a single value$/, () => "schrijf het als één waarde"],
  [/^write the date as YYYY-MM-DD, e\.g\. `(.*?)`(.*)$/, (m) => `schrijf de datum als JJJJ-MM-DD, bijvoorbeeld \`${m[1]}\`${m[2].replace(/; `(.*)` is not one/, "; `$1` is dat niet")}`],
  [/^the values are: (.*)$/, (m) => `de waarden zijn: ${m[1]}`],
  [/^give each key once; a later value would silently win$/, () => "geef elke sleutel één keer; anders zou de laatste waarde ongemerkt gelden"],
  [/^a description has a `system` section and a `facts` section; see `toets schema`$/,
    () => "een beschrijving heeft een onderdeel `system` en een onderdeel `facts`; laad een voorbeeld om de vorm te zien, of begin met de vragen",
    () => "a description has a `system` section and a `facts` section; load an example to see the shape, or start with the questions"],
  [/^give each fact once, either by its full id or within its group$/, () => "geef elk feit één keer, met zijn volledige naam of binnen zijn groep"],
  [/^write the date as YYYY-MM-DD$/, () => "schrijf de datum als JJJJ-MM-DD"],
];

function rewrite(table, text, lang) {
  if (!text) return text;
  for (const [pattern, nl, en] of table) {
    const m = text.match(pattern);
    if (!m) continue;
    if (lang === "nl") return nl(m);
    return en ? en(m) : text;
  }
  // Any other hint that names a command: say where in the page to look.
  if (/`toets [a-z]+/.test(text)) return lang === "nl" ? "zie het tabblad Beschrijving voor een voorbeeld" : "see the Description tab for an example";
  return text;
}

/** The diagnostic's message, label and hint in `lang`. */
export function localise(d, lang) {
  return {
    message: rewrite(MESSAGES, d.message, lang),
    label: rewrite(LABELS, d.label, lang),
    hint: rewrite(HINTS, d.hint, lang),
  };
}
