"""A team on one server, for real: environment/team-setup.sh sets up two members (alice may promote to production,
bob may not) with a shared PostgreSQL store and registry; environment/start-hub.sh starts JupyterHub; each member's
server is spawned through the Hub REST API and runs a notebook on the Lepton kernel through the Jupyter server API."""
import grp
import json
import os
import pathlib
import pwd
import secrets
import subprocess

import pytest

from team_server import Hub, Postgres, ensure_user, errors_of, remove_group, remove_user, set_password, shared_temp_dir, text_of

ROOT = pathlib.Path(os.environ.get("LEPTON_ROOT", pathlib.Path(__file__).resolve().parent.parent))
ALICE, BOB, OUTSIDER = "lepton_alice", "lepton_bob", "lepton_carol"
GROUP, PROMOTERS = "lepton_test", "lepton_test_promoters"
DATABASE = "lepton_team"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="creates system accounts and runs JupyterHub's local spawner: needs root")


def train_cells(root, run_name):
    return [
        "%lepton data load {} --target cultivar".format(root / "datasets" / "wine.csv"),
        "%lepton data prepare wine --stratify --seed 1",
        "%%lepton train --data wine --name {}\nmodel: mlp\nhidden: [16]\nepochs: 6\nbatch: 16\nlr: 0.03\nseed: 3".format(run_name),
        'System.out.println("run id: " + ai.lepton.Lepton.lastRun().id());',
    ]


def run_id_of(outputs):
    text = text_of(outputs)
    assert "run id: " in text, text
    return text.split("run id: ")[1].split()[0]


def checkout_all_may_read():
    """This checkout when every user may read it (the kernel runs from it as each user), else a copy of it, built, in
    a folder they may: what environment/README.md tells an administrator to do (clone to /opt/lepton)."""
    probe = subprocess.run(["runuser", "-u", "nobody", "--", "test", "-r", str(ROOT / "kernel-ext" / "target" / "lepton-kernel.jar")])
    if probe.returncode == 0:
        return ROOT, None
    copy = shared_temp_dir("lepton-hub-checkout-")
    subprocess.run(["cp", "-a", "--", *[str(path) for path in ROOT.iterdir() if path.name != ".git"], str(copy)], check=True)
    return copy, copy


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    root, copy = checkout_all_may_read()
    postgres = Postgres()
    passwords = {}
    for user in (ALICE, BOB, OUTSIDER):
        ensure_user(user)
        passwords[user] = secrets.token_hex(12)
        set_password(user, passwords[user])
    shared = shared_temp_dir("lepton-team-shared-")
    config = shared_temp_dir("lepton-team-config-")
    hub = None
    try:
        setup = subprocess.run(
            [str(root / "environment" / "team-setup.sh"), "--users", "%s,%s" % (ALICE, BOB), "--promoters", ALICE,
             "--group", GROUP, "--promoters-group", PROMOTERS, "--shared", str(shared), "--config-dir", str(config),
             "--pg-port", str(postgres.port), "--pg-superuser", Postgres.SUPERUSER, "--database", DATABASE],
            env={**os.environ, "PGPASSWORD": postgres.password}, capture_output=True, text=True, timeout=600)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        hub = Hub(root, config / "team.env", GROUP, tmp_path_factory.mktemp("hub") / "hub.log")
        yield {"postgres": postgres, "hub": hub, "registry": shared / "registry", "passwords": passwords, "root": root}
    finally:
        if hub:
            hub.stop()
        postgres.stop()
        for user in (ALICE, BOB, OUTSIDER):
            remove_user(user)
        for group in (GROUP, PROMOTERS):
            remove_group(group)
        subprocess.run(["rm", "-rf", str(shared), str(config), *([str(copy)] if copy else [])])


def test_a_team_shares_one_store_and_registry_and_each_keeps_their_own(team):
    hub, postgres, registry = team["hub"], team["postgres"], team["registry"]

    alice = hub.spawn(ALICE)
    alice_out = alice.execute_notebook(train_cells(team["root"], "alice-wine") + [
        "%lepton promote alice-wine --name team-wine --alias production",
        "%%lepton sweep --data wine --name alice-sweep --search grid --scheduler none\nmodel: mlp\nhidden: [[8]]\n"
        "lr: [0.01, 0.03]\nepochs: 2\nbatch: 16",
        'System.out.println("run id: " + ai.lepton.Lepton.lastSweep().id());',
    ])
    assert not any(errors_of(out) for out in alice_out), "\n---\n".join(text_of(out) for out in alice_out)
    alice_run = run_id_of(alice_out[3])
    alice_sweep = run_id_of(alice_out[6])
    assert "team-wine" in text_of(alice_out[4]) and "1.0.0" in text_of(alice_out[4]), text_of(alice_out[4])

    passwords = [(pathlib.Path(pwd.getpwnam(user).pw_dir) / ".pgpass").read_text().strip().rsplit(":", 1)[1]
                 for user in (ALICE, BOB)]  # the members' store passwords, which team-setup.sh put in their ~/.pgpass
    bob = hub.spawn(BOB)
    bob_out = bob.execute_notebook(train_cells(team["root"], "bob-wine") + [
        "%lepton promote bob-wine --name team-wine --alias production",
        "%lepton promote bob-wine --name team-wine --alias staging",
        'ai.lepton.Lepton.store().tag("{}", "note", "bob was here");'.format(alice_run),
        "%%lepton train --resume {}".format(alice_run),
        'ai.lepton.Lepton.alias("team-wine:1.1.0", "production");',
        "%lepton runs",
        'ai.lepton.Lepton.store().startTrial(new ai.lepton.track.TrialOf("{}", "alice-sweep", 3));'.format(alice_sweep),
        "%%sql\nSELECT CASE WHEN contains(content, 'LEPTON_STORE=jdbc:postgresql:') THEN 'store named' ELSE 'no store'"
        " END || ', ' || CASE WHEN {} THEN 'PASSWORD SEEN' ELSE 'no password' END AS verdict"
        " FROM read_text('/proc/self/environ')".format(" OR ".join("contains(content, '%s')" % p for p in passwords)),
    ])
    assert not any(errors_of(out) for out in bob_out[:4]), [text_of(out) for out in bob_out[:4]]
    bob_run = run_id_of(bob_out[3])

    # only the promoters' group moves production: refused before anything was registered, the kernel lives on
    protected = text_of(bob_out[4])
    assert errors_of(bob_out[4]), protected
    assert "The alias 'production' is protected" in protected and PROMOTERS in protected and BOB in protected, protected
    assert "Nothing was changed" in protected, protected
    assert not errors_of(bob_out[5]) and "1.1.0" in text_of(bob_out[5]), text_of(bob_out[5])
    moved = text_of(bob_out[8])
    assert errors_of(bob_out[8]) and "The alias 'production' is protected" in moved, moved

    # bob reads alice's run but cannot change it
    for cell, verb in ((bob_out[6], "tag"), (bob_out[7], "resume")):
        message = text_of(cell)
        assert errors_of(cell), message
        assert "Cannot %s run %s (alice-wine): it belongs to %s, and you are %s" % (verb, alice_run, ALICE, BOB) in message, message
    listing = text_of(bob_out[9])
    assert not errors_of(bob_out[9]) and "alice-wine" in listing and ALICE in listing and BOB in listing, listing

    # bob cannot file a run as a trial of alice's sweep: the store's row-level security refuses it
    planted = text_of(bob_out[10])
    assert errors_of(bob_out[10]) and "the store refused it for %s" % BOB in planted, planted
    # the session's environment, which any %%sql query can read, holds no store password (it is in ~/.pgpass)
    environ = text_of(bob_out[11])
    assert not errors_of(bob_out[11]) and "store named, no password" in environ, environ
    for (environment,) in postgres.query(DATABASE, "SELECT environment FROM runs WHERE environment IS NOT NULL"):
        assert not any(password in environment for password in passwords), "a run recorded a store password"

    # the store: both runs and alice's sweep with its two trials, each with its owner; alice's run untouched by bob
    rows = postgres.query(DATABASE, "SELECT id, name, owner, status FROM runs WHERE parent_id IS NULL AND name LIKE '%-wine' ORDER BY name")
    assert [row[1:] for row in rows] == [["alice-wine", ALICE, "FINISHED"], ["bob-wine", BOB, "FINISHED"]], rows
    trials = postgres.query(DATABASE, "SELECT trial, owner FROM runs WHERE parent_id = '%s' ORDER BY trial" % alice_sweep)
    assert trials == [["1", ALICE], ["2", ALICE]], trials
    assert {row[0] for row in rows} == {alice_run, bob_run}
    assert postgres.query(DATABASE, "SELECT key FROM tags WHERE run_id = '%s' AND key = 'note'" % alice_run) == []
    assert postgres.query(DATABASE, "SELECT value FROM tags WHERE run_id = '%s' AND key = 'promoted'" % bob_run) == [["team-wine:1.1.0"]]

    # the registry: versions from both, the protected alias where only promoters write, nothing half-written
    entries = {v: json.loads((registry / "team-wine" / v / "entry.json").read_text()) for v in ("1.0.0", "1.1.0")}
    assert entries["1.0.0"]["promoted_by"] == ALICE and entries["1.0.0"]["run_id"] == alice_run
    assert entries["1.1.0"]["promoted_by"] == BOB and entries["1.1.0"]["run_id"] == bob_run
    assert sorted(p.name for p in (registry / "team-wine").iterdir() if p.is_dir()) == ["1.0.0", "1.1.0"]
    models = subprocess.run([str(team["root"] / "lepton"), "models", "team-wine"], capture_output=True, text=True,
                            env={**os.environ, "LEPTON_REGISTRY": str(registry)})
    assert models.returncode == 0, models.stderr
    assert "production" in models.stdout and "staging" in models.stdout and ALICE in models.stdout and BOB in models.stdout, models.stdout
    protected_aliases = json.loads((registry / ".protected" / "team-wine" / "aliases.json").read_text())
    assert protected_aliases == {"production": "1.0.0"}
    assert json.loads((registry / "team-wine" / "aliases.json").read_text()) == {"staging": "1.1.0"}
    model_folder = (registry / "team-wine").stat()
    assert grp.getgrgid(model_folder.st_gid).gr_name == GROUP and pwd.getpwuid(model_folder.st_uid).pw_name == ALICE
    artifact = registry / "team-wine" / "1.0.0" / "team-wine-1.0.0.lepton"
    overwrite = subprocess.run(["runuser", "-u", BOB, "--", "sh", "-c", "echo x > '%s'" % artifact], capture_output=True, text=True)
    assert overwrite.returncode != 0 and "Permission denied" in overwrite.stderr, overwrite

    # each member's notebook was saved in their own home by their own server
    for user in (ALICE, BOB):
        saved = pathlib.Path(pwd.getpwnam(user).pw_dir) / "team.ipynb"
        assert saved.is_file() and pwd.getpwuid(saved.stat().st_uid).pw_name == user
        assert json.loads(saved.read_text())["cells"][2]["outputs"], "the executed notebook keeps its outputs"


def test_team_members_log_in_with_their_system_password_and_no_one_else(team):
    hub, passwords = team["hub"], team["passwords"]
    status, location, _ = hub.log_in(ALICE, passwords[ALICE])
    assert status == 302 and location in ("/user/%s/" % ALICE, "/hub/spawn", "/hub/home"), (status, location)
    for user, password in ((BOB, "not-" + passwords[BOB]), (OUTSIDER, passwords[OUTSIDER])):  # wrong password; not in the group
        status, location, page = hub.log_in(user, password)
        assert status == 200 and location is None and "Invalid username or password" in page, (user, status, location)
