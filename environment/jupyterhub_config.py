# JupyterHub for a Lepton team on one server (Debian's jupyterhub 3.0 and configurable-http-proxy).
# Start it with environment/start-hub.sh. Users log in with their system accounts (PAM); each gets a notebook
# server of their own, run as them, with the Lepton kernel (installed system-wide) and the team's shared run
# store and registry from team.env (written by environment/team-setup.sh).
#
# Settings (environment variables of the hub):
#   LEPTON_TEAM_ENV      the team's settings file (default /etc/lepton/team.env): LEPTON_* and PYTORCH_* lines
#                        passed to every user's server, e.g. LEPTON_STORE, LEPTON_REGISTRY, PYTORCH_LIBRARY_PATH
#   LEPTON_TEAM_GROUP    only members of this system group may log in (default lepton; empty: any local user)
#   LEPTON_HUB_ADMINS    comma-separated hub administrators (default none)
#   LEPTON_HUB_IP / LEPTON_HUB_PORT   where users reach the hub (default 127.0.0.1:8000; put HTTPS in front)
#   LEPTON_HUB_INTERNAL_PORT / LEPTON_PROXY_API_PORT   the hub's and the proxy's own ports (default 8081 / 8001)
#   LEPTON_HUB_STATE     the hub's database, cookie secret and proxy pid (default /var/lib/lepton-hub)
import os
import re
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub defines it)

here = Path(__file__).resolve().parent
state = Path(os.environ.get("LEPTON_HUB_STATE", "/var/lib/lepton-hub"))


def team_settings(path):
    """The LEPTON_* and PYTORCH_* settings of a KEY=VALUE file; other lines and comments are ignored. A store URL with a
    password in it is refused: every member's server would see it, and any notebook query can read the environment."""
    settings = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.startswith(("LEPTON_", "PYTORCH_")):
                settings[key] = value.strip()
    store = settings.get("LEPTON_STORE", "")
    if re.search(r"(?i)[?&;]password=|//[^/?#@\s:]*:\S*@", store):  # the password may hold '/', '?' or '#'; not '@' of a host
        raise SystemExit("%s: LEPTON_STORE holds a password, which every member's server would see. Remove it: each"
                         " member's password belongs in their ~/.pgpass (environment/team-setup.sh writes it)." % path)
    return settings


# --- where the hub listens, and its state ------------------------------------------------------------
c.JupyterHub.ip = os.environ.get("LEPTON_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("LEPTON_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("LEPTON_HUB_INTERNAL_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % os.environ.get("LEPTON_PROXY_API_PORT", "8001")
c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
c.JupyterHub.db_url = "sqlite:///%s" % (state / "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")

# --- who may log in: system accounts (PAM) in the team's group ------------------------------------------
c.JupyterHub.authenticator_class = "pam"
team_group = os.environ.get("LEPTON_TEAM_GROUP", "lepton")
if team_group:
    c.PAMAuthenticator.allowed_groups = {team_group}
c.Authenticator.admin_users = {name for name in os.environ.get("LEPTON_HUB_ADMINS", "").split(",") if name}
# OAuth instead of passwords (the oauthenticator package, not in Debian 12; install it beside JupyterHub):
#   c.JupyterHub.authenticator_class = "generic-oauth"     # or "github", "gitlab", "azuread"
#   c.GenericOAuthenticator.client_id = "..."; c.GenericOAuthenticator.client_secret = "..."
#   c.GenericOAuthenticator.oauth_callback_url = "https://hub.example.org/hub/oauth_callback"
#   c.GenericOAuthenticator.authorize_url / token_url / userdata_url = your identity provider's endpoints
#   c.GenericOAuthenticator.allowed_groups = {"lepton"}    # with claim_groups_key naming the groups claim
#   c.LocalAuthenticator.create_system_users = True        # each OAuth user still needs a system account here

# --- each user's server: a local process run as that user ---------------------------------------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(here / "lepton-singleuser")]          # jupyterhub-singleuser with a group-friendly umask
c.Spawner.default_url = "/tree"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = team_settings(Path(os.environ.get("LEPTON_TEAM_ENV", "/etc/lepton/team.env")))
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# GPU clusters, where each user's server runs as a batch job (the batchspawner package), e.g. on Slurm:
#   c.JupyterHub.spawner_class = "batchspawner.SlurmSpawner"
#   c.SlurmSpawner.req_partition = "gpu"; c.SlurmSpawner.req_runtime = "8:00:00"
#   c.SlurmSpawner.req_options = "--gres=gpu:1"; c.SlurmSpawner.req_memory = "64G"
#   c.SlurmSpawner.batch_script: keep its default, with "umask 002" before {cmd}
# On Kubernetes use Zero to JupyterHub (KubeSpawner) with environment/z2jh-values.yaml instead of this file.
