#!/usr/bin/env bash
# Sets up a team's shared Lepton on one server, as root: the operating-system groups, the shared registry folder
# with its permissions, and the PostgreSQL run store with one database role per member. Run it again to add
# members, to move the protected aliases, or after upgrading Lepton (it upgrades the store's schema).
# What it makes, and why, is in environment/README.md ("A team on one GPU server").
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"

usage() {
  cat <<'USAGE'
usage: environment/team-setup.sh --users alice,bob [options]

  --users U,V             the team's members (existing system accounts)
  --promoters U           members who may move protected aliases (default: none)
  --group G               the team's system group (default lepton)
  --promoters-group G     the group that may move protected aliases (default lepton-promoters)
  --protected A,B         the protected aliases (default production)
  --shared DIR            the shared folder; the registry is DIR/registry (default /srv/lepton)
  --config-dir DIR        where team.env and the administrator's password file go (default /etc/lepton)
  --pg-host H --pg-port P where PostgreSQL listens for the members (default 127.0.0.1, 5432)
  --pg-superuser U        a PostgreSQL superuser to create roles and the database (default postgres). With
                          PGPASSWORD set it connects over TCP to --pg-host; otherwise as the system user U
                          over the local socket (Debian's default peer authentication).
  --database D            the store's database (default lepton)
USAGE
}

die() { printf 'team-setup: %s\n' "$*" >&2; exit 1; }
say() { printf 'team-setup: %s\n' "$*" >&2; }

users="" promoters="" group=lepton promoters_group=lepton-promoters protected=production
shared=/srv/lepton config_dir=/etc/lepton pg_host=127.0.0.1 pg_port=5432 pg_superuser=postgres database=lepton
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { usage >&2; die "$1 needs a value"; }
  case "$1" in
    --users) users="$2" ;;
    --promoters) promoters="$2" ;;
    --group) group="$2" ;;
    --promoters-group) promoters_group="$2" ;;
    --protected) protected="$2" ;;
    --shared) shared="$2" ;;
    --config-dir) config_dir="$2" ;;
    --pg-host) pg_host="$2" ;;
    --pg-port) pg_port="$2" ;;
    --pg-superuser) pg_superuser="$2" ;;
    --database) database="$2" ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
  shift 2
done

[[ $(id -u) -eq 0 ]] || die "run as root: it creates groups, shared folders and files in the members' homes"
[[ -n "$users" ]] || { usage >&2; die "--users is required"; }
command -v psql >/dev/null || die "psql is missing: apt-get install postgresql-client"
name_pattern='^[a-z_][a-z0-9_-]*$'
IFS=, read -ra members <<<"$users"
IFS=, read -ra promoter_list <<<"$promoters"
for user in "${members[@]}" "${promoter_list[@]}"; do
  [[ "$user" =~ $name_pattern ]] || die "'$user' is not a user name this script accepts (lower-case letters, digits, _ and -)"
  id "$user" >/dev/null 2>&1 || die "there is no system user '$user': create the account first (adduser $user)"
done
for promoter in "${promoter_list[@]}"; do
  [[ ",$users," == *",$promoter,"* ]] || die "promoter '$promoter' is not among --users"
done

# --- groups: the team, and within it the promoters --------------------------------------------------
getent group "$group" >/dev/null || groupadd "$group"
getent group "$promoters_group" >/dev/null || groupadd "$promoters_group"
for user in "${members[@]}"; do usermod -a -G "$group" "$user"; done
for user in "${promoter_list[@]}"; do usermod -a -G "$promoters_group" "$user"; done
say "groups: $group (${members[*]}), $promoters_group (${promoter_list[*]:-nobody})"

# --- the registry: every member adds models and versions; only promoters write protected aliases ------
# setgid keeps the team's group on everything created inside; members' servers run with umask 002
# (environment/lepton-singleuser), so what one member creates the others may extend.
registry="$shared/registry"
install -d -o root -g "$group" -m 0755 "$shared"
install -d -o root -g "$group" -m 2775 "$registry"
install -d -o root -g "$promoters_group" -m 2775 "$registry/.protected"
aliases_json="$(printf '%s' "$protected" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? ", " : ""), $i }')"
printf '{\n  "protected_aliases": [%s]\n}\n' "$aliases_json" >"$registry/registry.json.new"
chmod 0644 "$registry/registry.json.new" && chown root:root "$registry/registry.json.new"
mv "$registry/registry.json.new" "$registry/registry.json"
say "registry: $registry (protected: $protected)"

# --- the run store: an administrator role owns the schema; members log in as themselves --------------
superuser_psql() {  # psql as the superuser, on the database $1, reading SQL from stdin
  if [[ -n "${PGPASSWORD:-}" ]]; then
    psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_superuser" -d "$1" "${@:2}"
  else
    runuser -u "$pg_superuser" -- psql -X -q -v ON_ERROR_STOP=1 -p "$pg_port" -d "$1" "${@:2}"
  fi
}
new_password() { tr -dc 'a-zA-Z0-9' </dev/urandom | head -c 32 || true; }
put_pgpass() {  # puts the line for role $2 (password $3) into the pgpass file $1, owned by system user $4
  local file="$1" line="$pg_host:$pg_port:$database:$2:$3"
  touch "$file"
  grep -v -F "$pg_host:$pg_port:$database:$2:" "$file" >"$file.new" || true
  printf '%s\n' "$line" >>"$file.new"
  chown "$4" "$file.new" && chmod 0600 "$file.new"
  mv "$file.new" "$file"
}

install -d -o root -g root -m 0755 "$config_dir"
admin_role="${database}_admin"
members_role="${database}_members"
admin_password="$(new_password)"
superuser_psql postgres -v admin="$admin_role" -v members="$members_role" -v pw="$admin_password" -v db="$database" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'admin') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'admin') \gexec
ALTER ROLE :"admin" PASSWORD :'pw';
SELECT format('CREATE ROLE %I NOLOGIN', :'members') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'members') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'admin') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
superuser_psql "$database" -v admin="$admin_role" -v members="$members_role" <<'SQL'
ALTER SCHEMA public OWNER TO :"admin";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"members";
SQL
put_pgpass "$config_dir/store-admin.pgpass" "$admin_role" "$admin_password" root
for user in "${members[@]}"; do
  password="$(new_password)"
  superuser_psql postgres -v user="$user" -v members="$members_role" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" PASSWORD :'pw';
GRANT :"members" TO :"user";
SQL
  home="$(getent passwd "$user" | cut -d: -f6)"
  [[ -d "$home" ]] || die "the home folder of $user ($home) is missing; the store's password goes into $home/.pgpass"
  put_pgpass "$home/.pgpass" "$user" "$password" "$user"
done
say "store roles: $admin_role owns the schema; ${members[*]} (in $members_role) log in with ~/.pgpass"

# The schema (and its row-level security) is created by the administrator role, so no member owns the tables.
store_url="jdbc:postgresql://$pg_host:$pg_port/$database"
PGPASSFILE="$config_dir/store-admin.pgpass" LEPTON_STORE="$store_url?user=$admin_role" "$ROOT/lepton" store upgrade
superuser_psql "$database" -v members="$members_role" <<'SQL'
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO :"members";
REVOKE INSERT, UPDATE ON schema_version FROM :"members";
SQL

cat >"$config_dir/team.env" <<ENV
# Written by environment/team-setup.sh; read by environment/jupyterhub_config.py and passed to every member's server.
LEPTON_STORE=$store_url
LEPTON_REGISTRY=$registry
ENV
chmod 0644 "$config_dir/team.env"
say "done: $config_dir/team.env names the store ($store_url) and the registry ($registry)"
