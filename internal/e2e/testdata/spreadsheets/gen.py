# Writes the CSV files of internal/e2e/testdata/spreadsheets as spreadsheets
# in various locales save them.
import codecs
H = ["Organisation","Unit","Period","Expected result","Recommendation","Id","Text","Status","Status code","Score","Evidence held","Gaps and actions","Owner","Target date","Last changed","Note"]
def rows(dates):
    r1 = ["Polizei Süd","Öffentlicher Schutz","2026","","","training-needs-analysis","","In place","in-place","3","Schulungsanalyse geprüft – 12 € pro Person","Lücken: Führungskräfte","Frau Müller",dates[0],"",""]
    r2 = ["Polizei Süd","Öffentlicher Schutz","2026","","","mandatory-training","","Planned","planned","1","Café-Runde im März","","Hr. Groß",dates[1],"",""]
    return [H, r1, r2]
def csv(rs, sep, quote_all=False):
    out=[]
    for r in rs:
        cells=[]
        for v in r:
            if quote_all or sep in v or '"' in v or '\n' in v:
                v='"'+v.replace('"','""')+'"'
            cells.append(v)
        out.append(sep.join(cells))
    return "\r\n".join(out)+"\r\n"
import os
d=os.path.dirname(os.path.abspath(__file__))+"/"
# Excel "CSV (semicolon)" in Germany: Windows-1252, no BOM, dd.mm.yyyy.
open(d+"excel-de-semicolon-windows-1252.csv","wb").write(csv(rows(["30.06.2027","1.9.2027"]),";").encode("cp1252"))
# Excel "Unicode text": UTF-16 LE with BOM, tab-separated.
open(d+"excel-unicode-text-utf16le.txt","wb").write(codecs.BOM_UTF16_LE+csv(rows(["2027-06-30","2027-09-01"]),"\t").encode("utf-16-le"))
# UTF-16 BE with BOM, semicolon.
open(d+"utf16be-semicolon.csv","wb").write(codecs.BOM_UTF16_BE+csv(rows(["2027-06-30",""]),";").encode("utf-16-be"))
# Excel "CSV UTF-8" in the UK: BOM, comma, dd/mm/yyyy (30/06 says day first).
open(d+"excel-uk-utf8-bom-ddmmyyyy.csv","wb").write(codecs.BOM_UTF8+csv(rows(["30/06/2027","01/09/2027"]),",",True).encode("utf-8"))
# Excel in France: semicolon, UTF-8 without BOM, dd/mm/yyyy all under 13: day first (semicolon locale).
open(d+"excel-fr-semicolon-utf8-ddmmyyyy.csv","wb").write(csv(rows(["03/04/2027","01/09/2027"]),";").encode("utf-8"))
# Refused: comma, slashes, no date says day or month first.
open(d+"refused-ambiguous-dates.csv","wb").write(csv(rows(["03/04/2027","01/09/2027"]),",").encode("utf-8"))
# Refused: month first (US).
open(d+"refused-month-first.csv","wb").write(csv(rows(["06/30/2027",""]),",").encode("utf-8"))
