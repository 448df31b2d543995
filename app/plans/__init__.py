"""The plans themselves, behind the Desk: the plans and their references (`desk.plan`), the
action lines and their one edit path (`desk.actions`), the glossaries and the countries
(`desk.reference_data`). Built once by the Desk and given the store; they never import the
gateway."""
