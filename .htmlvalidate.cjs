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
  },
};
