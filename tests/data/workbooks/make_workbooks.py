#!/usr/bin/env python3
"""Writes the Excel 97-2003 (.xls) and OpenDocument (.ods) fixtures of this folder.

psyscore reads these formats with calamine, but no Rust crate writes them, so the fixtures are
committed; this script is how they were made (python3 -m pip install xlwt odfpy).

- responses.xls / responses.ods: the sheets of `write_workbook` in src/sheet/tests.rs (the .xlsx
  fixture of the unit tests), less its #N/A formula cell: a "Responses" sheet with numbers, text,
  a blank cell, a short row, an empty row, a date and a boolean; a "Later" sheet whose used range
  starts at C3; an empty "Blank" sheet.
- demo.xls / demo.ods: tests/data/demo.csv, numbers as numbers and blanks as empty cells.

Usage: python3 tests/data/workbooks/make_workbooks.py   (writes next to itself)
"""

import csv
import datetime
from pathlib import Path

import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HERE = Path(__file__).resolve().parent

# (row, column, value) of each sheet; a value is a str, int, float, bool or date.
RESPONSES = [
    (0, 0, "id"), (0, 1, " name "), (0, 2, "q1"), (0, 3, "q2"),
    (1, 0, 1), (1, 1, "张三"), (1, 2, 3), (1, 3, 2.5),
    (2, 0, 2), (2, 1, "Li"),
    # row 3 is empty
    (4, 0, 3), (4, 1, datetime.date(2024, 3, 1)), (4, 2, True),
]
LATER = [(2, 2, "id"), (2, 3, "q1"), (3, 2, 7), (3, 3, 0.1)]


def demo_cells():
    rows = list(csv.reader(open(HERE.parent / "demo.csv", encoding="utf-8", newline="")))
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "":
                continue
            try:
                value = int(text) if r > 0 else text
            except ValueError:
                value = text
            cells.append((r, c, value))
    return cells


def write_xls(path, sheets):
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, cells in sheets:
        sheet = book.add_sheet(name)
        for r, c, value in cells:
            if isinstance(value, datetime.date):
                sheet.write(r, c, value, date_style)
            else:
                sheet.write(r, c, value)
    book.save(str(path))


def ods_cell(value):
    if value is None:
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
        cell.addElement(P(text="TRUE" if value else "FALSE"))
    elif isinstance(value, datetime.date):
        cell = TableCell(valuetype="date", datevalue=value.isoformat())
        cell.addElement(P(text=value.isoformat()))
    elif isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=repr(value))
        cell.addElement(P(text=repr(value)))
    else:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=value))
    return cell


def write_ods(path, sheets):
    document = OpenDocumentSpreadsheet()
    for name, cells in sheets:
        table = Table(name=name)
        by_position = {(r, c): v for r, c, v in cells}
        height = max((r for r, _, _ in cells), default=-1) + 1
        width = max((c for _, c, _ in cells), default=-1) + 1
        for r in range(height):
            row = TableRow()
            for c in range(width):
                row.addElement(ods_cell(by_position.get((r, c))))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    document.save(str(path))


def main():
    fixture = [("Responses", RESPONSES), ("Later", LATER), ("Blank", [])]
    demo = [("Sheet1", demo_cells())]
    write_xls(HERE / "responses.xls", fixture)
    write_ods(HERE / "responses.ods", fixture)
    write_xls(HERE / "demo.xls", demo)
    write_ods(HERE / "demo.ods", demo)


if __name__ == "__main__":
    main()
