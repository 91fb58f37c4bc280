// html-validate's configuration for riskguide's pages: its recommended
// rules, checked on every page of the default site, the ASVS example and
// the bilingual example by TestHTMLValidate (internal/e2e). A comment here
// says why each rule that is turned off is off; there is no other place,
// since a JSON configuration cannot hold comments.
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // H32 asks forms that change context on submission to have a submit
    // button. The self-assessment's form is never submitted: every answer
    // is saved in the browser as it is typed (assessment.js cancels
    // submission), and the page promises that nothing is sent anywhere. A
    // submit button would suggest otherwise, and without scripts it would
    // only reload the page.
    "wcag/h32": "off",

    // An id must begin with a letter in HTML 4, not in HTML 5, which
    // allows any id without spaces. A heading's id is made from its text
    // ("1. About this plan" gives "1-about-this-plan"), and contents lists,
    // cross-references and readers' bookmarks link to it: renaming every
    // numbered heading's id would break those links for nothing. Relaxed
    // mode still refuses an empty id and one with spaces.
    "valid-id": ["error", { relaxed: true }],

    // A page's title names the page and then the guidance, so that a tab,
    // a bookmark or a printed header says which guidance it is. A
    // recommendation's page is named by the recommendation's own text,
    // quoted verbatim from the guidance and often a sentence of 200
    // characters: shortening it would misquote the guidance. 70 characters
    // is a search engine's display limit; these sites are read on
    // intranets and from disk.
    "long-title": "off",
  },
};
