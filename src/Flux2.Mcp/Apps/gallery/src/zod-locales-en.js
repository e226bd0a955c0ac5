// Stands in for zod's locales/index.js in the bundle: the view never switches zod's error language, and the other 45
// locales would be a quarter of a megabyte of the page. English stays available as locales.en, as zod itself uses it.
export { default as en } from "zod/v4/locales/en.js";
