"""Activities under action lines and sections: `desk.activities` (app.activities.manager);
values in app.activities.values. This file imports nothing."""
