/* Search results that lead into a section of a notebook (the index entries `make site` puts
   under the headings of the sections that teach a glossary term) show that section's text
   around the word searched for, where Sphinx would show nothing: the entry's anchor itself
   holds no text. */
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") {
    return; // not the search page
  }
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const text = htmlToText(htmlString, anchor);
    if (text.trim() || !anchor) {
      return text;
    }
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const target = page.querySelector(`[role="main"] ${anchor}`);
    const section = target && target.closest("section");
    return section ? section.textContent : text;
  };
});
