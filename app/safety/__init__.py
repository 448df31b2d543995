"""What keeps the user's work safe and traceable, behind the Desk: the history as a read API
(`desk.log`), backups (`desk.backups`, and the restore of one while the database is closed),
an offline copy of a team database (`desk.offline`) and the undo of an import
(`desk.import_undo`). Built once by the Desk and given the store; they never import the
gateway."""
