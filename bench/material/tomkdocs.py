#!/usr/bin/env python3
"""tomkdocs.py SRC OUT: writes an MkDocs Material project (OUT/mkdocs.yml,
OUT/docs/) holding the same text as a riskguide site folder SRC (or the
default content): expected results, recommendations with their guidance
and indicators, templates and free pages, one Markdown page each, with
Material's usual reading features (navigation tabs and sections, search,
heading links). Cross-references become plain links. For the side-by-side
in docs/benchmarks.md; run by compare-material.sh."""
import os, re, sys, glob
import yaml

src, out = sys.argv[1], sys.argv[2]
docs = os.path.join(out, "docs")
os.makedirs(docs, exist_ok=True)
XREF = re.compile(r"\[([^\]]+)\]\((rec|result|role|protocol|page|source|checklist):([^)]+)\)")
FIELD = re.compile(r"\[\[([^\]]+)\]\]")

def md(text):
    text = XREF.sub(lambda m: m.group(1), text or "")
    return FIELD.sub(lambda m: "______ (" + m.group(1) + ")", text)

def write(path, text):
    p = os.path.join(docs, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)

def front(path):
    t = open(path).read()
    if t.startswith("---"):
        _, fm, body = t.split("---", 2)
        return yaml.safe_load(fm) or {}, body
    return {}, t

nav = [{"Home": "index.md"}]
guidance = []
write("index.md", "# Guidance\n\nThe expected results and their recommendations.\n")
for i, f in enumerate(sorted(glob.glob(os.path.join(src, "content/expected-results/*.yaml"))), 1):
    r = yaml.safe_load(open(f))
    pages = []
    body = "# %d. %s\n\n> %s\n\n%s\n" % (i, r["title"], r.get("statement", ""), md(r.get("summary", "")))
    write("results/%s.md" % r["id"], body)
    pages.append({"Overview": "results/%s.md" % r["id"]})
    for j, rec in enumerate(r.get("recommendations", []), 1):
        text = "# %d.%d %s\n\n" % (i, j, rec["text"])
        if rec.get("guidance"):
            text += "## Putting it into practice\n\n" + md(rec["guidance"]) + "\n"
        if rec.get("indicators"):
            text += "## What being in place looks like\n\n" + "".join("- %s\n" % md(x) for x in rec["indicators"])
        write("recommendations/%s.md" % rec["id"], text)
        pages.append({"%d.%d" % (i, j): "recommendations/%s.md" % rec["id"]})
    guidance.append({"%d. %s" % (i, r["title"]): pages})
nav.append({"Guidance": guidance})
templates = []
for f in sorted(glob.glob(os.path.join(src, "content/protocols/*.md"))):
    fm, body = front(f)
    slug = os.path.basename(f)[:-3]
    write("protocols/%s.md" % slug, "# %s\n\n%s\n" % (fm.get("title", slug), md(body)))
    templates.append({fm.get("title", slug): "protocols/%s.md" % slug})
nav.append({"Templates": templates})
about = []
for f in sorted(glob.glob(os.path.join(src, "content/pages/*.md"))):
    fm, body = front(f)
    slug = os.path.basename(f)[:-3]
    write("pages/%s.md" % slug, "# %s\n\n%s\n" % (fm.get("title", slug), md(body)))
    about.append({fm.get("title", slug): "pages/%s.md" % slug})
nav.append({"About": about})
site = yaml.safe_load(open(os.path.join(src, "content/site.yaml")))
cfg = {
    "site_name": site.get("title", "Guidance"),
    "theme": {"name": "material", "features": ["navigation.sections", "navigation.tabs", "search.highlight"]},
    "plugins": ["search"],
    "markdown_extensions": ["tables", {"toc": {"permalink": True}}],
    "use_directory_urls": False,
    "nav": nav,
}
with open(os.path.join(out, "mkdocs.yml"), "w") as f:
    yaml.safe_dump(cfg, f, sort_keys=False, allow_unicode=True)
