#!/usr/bin/env bash
# A PostgreSQL server for a delegation's shared POA Desk database (Debian or Ubuntu), run as root:
#
#   packaging/team-server.sh DATABASE OFFICER [OFFICER...]
#
# Installs PostgreSQL, makes a group role that owns everything POA Desk creates (poadesk_team),
# the database, and one login role per officer (each working as the group role, so the tables
# the first one's POA Desk creates are everyone's). Prints each new officer's password once:
# give it to them for their ~/.pgpass. The officers then start POA Desk with
#   poadesk --db postgresql+psycopg://OFFICER@SERVER/DATABASE
# and the first start creates the schema and the plan. Back up with pg_dump (see the README).
# Let officers' laptops in with a line in pg_hba.conf and listen_addresses (see the README).
set -euo pipefail

db="${1:?usage: team-server.sh DATABASE OFFICER [OFFICER...]}"
shift
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "team-server: a database name like poadesk_team" >&2; exit 1; }

if ! command -v psql >/dev/null 2>&1; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
sql() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"); }

sql -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'poadesk_team') THEN
    CREATE ROLE poadesk_team NOLOGIN;
  END IF;
END \$\$;
SQL
if [[ "$(sql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]]; then
    sql -d postgres -c "CREATE DATABASE $db OWNER poadesk_team ENCODING 'UTF8'"
fi
sql -d "$db" -c "GRANT ALL ON SCHEMA public TO poadesk_team"

for officer in "$@"; do
    [[ "$officer" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "team-server: skipping '$officer' (use lower-case letters, digits, _)" >&2; continue; }
    if [[ "$(sql -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$officer'")" == 1 ]]; then
        echo "$officer: exists already (password unchanged)"
        continue
    fi
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    sql -d postgres -c "CREATE ROLE $officer LOGIN PASSWORD '$password' IN ROLE poadesk_team"
    sql -d postgres -c "ALTER ROLE $officer SET role = 'poadesk_team'"
    echo "$officer: password $password  (for ~/.pgpass: SERVER:5432:$db:$officer:$password)"
done
