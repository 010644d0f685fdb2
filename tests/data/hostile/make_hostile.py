#!/usr/bin/env python3
"""Writes the damaged and hostile workbooks of this folder, each a regression test in
tests/cli/hostile.rs. Before psyscore guarded its workbook reader (calamine 0.38), each made
`psyscore score` abort, panic (exit 101) or exhaust memory; now each is exit code 4 naming the
file, or, for the legitimately large ones, read in little memory.

The .xls files are tests/data/workbooks/demo.xls (written by xlwt: one compound-file container
whose Workbook stream starts at byte 512 and is stored in consecutive sectors) with a few bytes
changed at the offsets below; the zipped ones are written from scratch.

- huge_dimensions.xls: the worksheet's Dimensions record declares 75,000,000 rows of 8 columns;
  calamine reserved 600 million cells (24 GB) and the process died.
- far_cell.xls: the last cell (an RK record) moved to row 65536, column 65536; calamine laid
  out the 65,536 x 65,536 cells between it and A1 (137 GB).
- bad_sheet_offset.xls: the BoundSheet record points past the end of the Workbook stream;
  calamine panicked slicing it.
- truncated.xls: the first 4,200 bytes only; calamine panicked reading a short sector.
- repeated.ods: 8,000 rows, each one cell repeated across 16,384 columns (131 million cells in
  a 40 KB file); calamine expanded them before checking its own limit.
- stray_cell.xlsx: demo.csv's cells plus a stray "x" at XFD1048576; calamine laid out 17
  billion cells. The header then has unnamed columns, which is the error psyscore reports.
- huge_dimension.xlsx: demo.csv's cells under a declared dimension of A1:XFD1048576 (the
  whole sheet); read as demo.csv, allocating nothing for the declared grid.
- bad_gb18030.csv: demo.csv's first rows in GB18030 with a Chinese id, and in row 3, column 3
  the bytes 81 30, which start a four-byte GB18030 sequence that never ends; it was read with
  U+FFFD in that cell and exit code 0.

Usage: python3 tests/data/hostile/make_hostile.py   (writes next to itself; standard library only)
"""

import csv
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent

# Offsets in demo.xls (see the module text).
DIMENSIONS_LAST_ROW = 1621 + 4 + 4
LAST_RK_ROW_COL = 2221 + 4
BOUND_SHEET_OFFSET = 1419 + 4


def patched(offset, new):
    data = bytearray((DATA / "workbooks" / "demo.xls").read_bytes())
    data[offset:offset + len(new)] = new
    return bytes(data)


def write_xls():
    demo = (DATA / "workbooks" / "demo.xls").read_bytes()
    assert demo[1621:1625] == b"\x00\x02\x0e\x00", "Dimensions record moved"
    assert demo[2221:2225] == b"\x7e\x02\x0a\x00", "RK record moved"
    assert demo[1419:1423] == b"\x85\x00\x0e\x00", "BoundSheet record moved"
    (HERE / "huge_dimensions.xls").write_bytes(
        patched(DIMENSIONS_LAST_ROW, struct.pack("<I", 75_000_000)))
    (HERE / "far_cell.xls").write_bytes(patched(LAST_RK_ROW_COL, struct.pack("<HH", 0xFFFF, 0xFFFF)))
    (HERE / "bad_sheet_offset.xls").write_bytes(
        patched(BOUND_SHEET_OFFSET, struct.pack("<I", 0x7FFFFFFF)))
    (HERE / "truncated.xls").write_bytes(demo[:4200])


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def xlsx(path, rows, dimension=None, extra_cells=()):
    """A minimal .xlsx: one worksheet "Sheet1" with inline strings and numbers."""
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "":
                continue
            cells.append((r, c, text))
    cells.extend(extra_cells)
    by_row = {}
    for r, c, text in cells:
        by_row.setdefault(r, []).append((c, text))
    sheet_rows = []
    for r in sorted(by_row):
        xml_cells = []
        for c, text in sorted(by_row[r]):
            ref = f"{column_name(c)}{r + 1}"
            try:
                float(text)
                xml_cells.append(f'<c r="{ref}"><v>{text}</v></c>')
            except ValueError:
                xml_cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        sheet_rows.append(f'<row r="{r + 1}">{"".join(xml_cells)}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'{dim}<sheetData>{"".join(sheet_rows)}</sheetData></worksheet>')
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 6, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)


def write_xlsx():
    rows = list(csv.reader(open(DATA / "demo.csv", encoding="utf-8", newline="")))
    xlsx(HERE / "stray_cell.xlsx", rows, extra_cells=[(1_048_575, 16_383, "x")])
    xlsx(HERE / "huge_dimension.xlsx", rows, dimension="A1:XFD1048576")


def write_ods():
    row = ('<table:table-row><table:table-cell table:number-columns-repeated="16384" '
           'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
           '</table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               '<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               + row * 8000 +
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(HERE / "repeated.ods", "w") as archive:
        for name, text, method in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 6, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, text)


def write_text():
    text = ("id,A1,A2,A3,C1,C2,C3,age\n张三,1,5,6,4,4,2,34\n".encode("gb18030")
            + b"p2,6,\x81\x30,1,1,1,1,51\n")
    (HERE / "bad_gb18030.csv").write_bytes(text)


if __name__ == "__main__":
    write_text()
    write_xls()
    write_xlsx()
    write_ods()
