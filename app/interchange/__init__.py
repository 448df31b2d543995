"""Everything that comes in or goes out as data, side by side: the JSON backup
(`json_backup` with its `json_focal` and `json_meetings` blocks), the focal-point register
workbook (`register_xlsx`, `register_rows`) and plan texts (`plan_text`). One `Checker`
(`checker`) collects every problem of a file before it is refused.

Each works through the gateway (app.service.Desk) alone: an import runs in
`desk.transaction()` with the Desk's ordinary methods, so it is all or nothing and every rule of
an edit applies to it. Documents (briefs, the matrix) are app.export.
"""
