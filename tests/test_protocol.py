"""The Jupyter protocol, spoken by the real kernel to Jupyter's own client."""
import time


def test_kernel_info_names_java_and_its_version(kernel):
    kernel.client.kernel_info()
    reply = kernel.client.get_shell_msg(timeout=30)["content"]
    assert reply["language_info"]["name"] == "java"
    assert reply["language_info"]["version"].startswith("25")
    assert reply["language_info"]["file_extension"] == ".jshell"
    assert reply["implementation"] == "Lepton"


def test_expression_result_and_statements(kernel):
    cell = kernel.ok("int a = 40;\nint b = 2;\na + b")
    assert cell.result["text/plain"] == "42"
    assert cell.reply["execution_count"] >= 1


def test_declaration_shows_no_result(kernel):
    assert kernel.ok("String greeting = \"hi\";").result is None


def test_object_results_are_rendered_in_the_session(kernel):
    cell = kernel.ok("new java.util.ArrayList<>(java.util.List.of(\"x\", \"y\"))")
    assert cell.result["text/plain"] == "[x, y]"


def test_cells_of_comments_alone_or_around_magics_run_as_djls_tutorials_begin(kernel):
    assert kernel.ok("// only a comment").result is None
    assert kernel.ok("/* a block comment */").result is None
    tutorial = kernel.ok("// Add the snapshot repository to get the DJL snapshot artifacts\n"
                         "// %mavenRepo snapshots https://oss.sonatype.org/content/repositories/snapshots/\n"
                         "%lepton help")
    assert "Lepton magics" in tutorial.result["text/plain"]
    assert kernel.ok("int commented = 5; // a value\n// then only a comment").result is None
    assert kernel.ok("commented").result["text/plain"] == "5"


def test_stdout_streams_while_the_cell_runs(kernel):
    cell = kernel.run('System.out.println("early"); System.out.flush(); Thread.sleep(2000); System.out.println("late");')
    streams = [m for m in cell.messages if m["msg_type"] == "stream"]
    early = next(m for m in streams if "early" in m["content"]["text"])
    idle = cell.messages[-1]
    assert idle["received"] - early["received"] > 1.0, "stdout arrived only when the cell ended"
    assert "late" in cell.stdout


def test_output_arrives_in_whole_lines_and_whole_characters(kernel):
    cell = kernel.ok('System.out.println("word ".repeat(80)); System.out.println("é".repeat(200));'
                     ' System.out.print("no newline yet");')
    texts = [m["content"]["text"] for m in cell.messages if m["msg_type"] == "stream"]
    assert "word " * 80 + "\n" in texts, [len(t) for t in texts]
    assert "é" * 200 + "\n" in "".join(texts) and "\ufffd" not in "".join(texts), "a character was cut"
    assert all(t.endswith("\n") for t in texts[:-1]) and texts[-1].endswith("no newline yet"), texts


def test_stderr_is_its_own_stream(kernel):
    cell = kernel.ok('System.err.println("to stderr");')
    assert "to stderr" in cell.stderr
    assert "to stderr" not in cell.stdout


def test_completion_offers_java_members(kernel):
    kernel.ok('String word = "lepton";')
    code = "word.toUpp"
    kernel.client.complete(code, len(code))
    reply = kernel.client.get_shell_msg(timeout=60)["content"]
    assert any(m.startswith("toUpperCase(") for m in reply["matches"]), reply
    assert code[reply["cursor_start"]:reply["cursor_end"]] == "toUpp"


def test_completion_offers_magic_names(kernel):
    code = "%mav"
    kernel.client.complete(code, len(code))
    reply = kernel.client.get_shell_msg(timeout=30)["content"]
    assert "maven" in reply["matches"] and "mavenRepo" in reply["matches"]
    assert reply["cursor_start"] == 1


def test_completion_in_a_train_cell_offers_hyperparameters(kernel):
    code = "%%lepton train --name x\nhidden: [8]\nepo"
    kernel.client.complete(code, len(code))
    reply = kernel.client.get_shell_msg(timeout=30)["content"]
    assert reply["matches"] == ["epochs: "], reply
    assert code[reply["cursor_start"]:reply["cursor_end"]] == "epo"
    code = "%%lepton train\nmodel: "
    kernel.client.complete(code, len(code))
    assert kernel.client.get_shell_msg(timeout=30)["content"]["matches"] == ["mlp", "cnn", "bert"]


def test_inspection_shows_signature_and_docs(kernel):
    code = "Math.floorMod"
    kernel.client.inspect(code, len(code))
    reply = kernel.client.get_shell_msg(timeout=60)["content"]
    assert reply["found"]
    assert "floorMod" in reply["data"]["text/plain"]


def test_is_complete(kernel):
    def status(code):
        kernel.client.is_complete(code)
        return kernel.client.get_shell_msg(timeout=30)["content"]["status"]
    assert status("int x = 1;") == "complete"
    assert status("for (int i = 0; i < 3; i++) {") == "incomplete"
    assert status("%maven org.example:thing:1.0") == "complete"


def test_history_has_earlier_inputs(kernel):
    kernel.ok('String historyMarker = "h1";')
    kernel.client.history(hist_access_type="tail", n=50)
    reply = kernel.client.get_shell_msg(timeout=30)["content"]
    assert any("historyMarker" in entry[2] for entry in reply["history"])


def test_exception_shows_message_cause_and_cell_lines(kernel):
    kernel.ok("int divide(int a, int b) {\n    return a / b;\n}")
    cell = kernel.run("int zero = 0;\ndivide(1, zero)")
    assert cell.status == "error"
    text = cell.error_text
    assert "java.lang.ArithmeticException: / by zero" in text
    assert "divide, line 2 of In [" in text
    assert "line 2 of In [" in text
    assert "jdk.jshell" not in text and "RemoteExecutionControl" not in text
    assert len(cell.error["traceback"]) < 10


def test_cause_chain_is_shown(kernel):
    cell = kernel.run('throw new RuntimeException("outer", new IllegalStateException("inner"));')
    assert "java.lang.RuntimeException: outer" in cell.error_text
    assert "Caused by: java.lang.IllegalStateException: inner" in cell.error_text


def test_a_failed_cells_reply_carries_the_error_the_notebook_shows(kernel):
    """nbconvert --execute and papermill print the execute_reply's error: the cell's, never the kernel's own stack."""
    kernel.ok("int half(int n) {\n    int zero = 0;\n    return n / zero;\n}")
    for code, ename in (("half(4)", "java.lang.ArithmeticException"), ("int fine = 1;\nint broken = ;", "CompilationError")):
        cell = kernel.run(code)
        assert cell.status == "error", code
        replied = {key: cell.reply[key] for key in ("ename", "evalue", "traceback")}
        shown = {key: cell.error[key] for key in ("ename", "evalue", "traceback")}
        assert replied == shown, (replied, shown)
        assert replied["ename"] == ename, replied
        assert "ai.lepton.kernel" not in "\n".join(replied["traceback"]), replied["traceback"]
    assert kernel.run("half(4)").reply["evalue"] == "/ by zero"


def test_syntax_error_names_line_and_column(kernel):
    cell = kernel.run("int fine = 1;\nint broken = ;")
    assert cell.status == "error"
    assert "line 2, column 14" in cell.error_text
    assert kernel.ok("fine").result["text/plain"] == "1"


def test_type_error_points_at_the_expression(kernel):
    cell = kernel.run('int n = "text";')
    assert "line 1, column 9" in cell.error_text
    assert "incompatible types" in cell.error_text


def test_display_and_update_display(kernel):
    cell = kernel.ok('String id = display("first");\nupdateDisplay(id, "second");')
    shown = cell.of_type("display_data")
    updated = cell.of_type("update_display_data")
    assert shown[0]["data"]["text/plain"] == "first"
    assert updated[0]["data"]["text/plain"] == "second"
    assert shown[0]["transient"]["display_id"] == updated[0]["transient"]["display_id"]
    assert cell.result is None


def test_display_with_mime_types_and_render(kernel):
    cell = kernel.ok('display(render("<b>x</b>", "text/html"));\ndisplay("<i>y</i>", "text/html");')
    shown = cell.of_type("display_data")
    assert [d["data"].get("text/html") for d in shown] == ["<b>x</b>", "<i>y</i>"]


def test_interrupt_stops_a_busy_loop_and_keeps_state(kernel):
    kernel.ok("int kept = 7;")
    msg_id = kernel.send("while (true) { }")
    time.sleep(1.5)
    started = time.time()
    kernel.manager.interrupt_kernel()
    cell = kernel.collect(msg_id, timeout=30)
    stopped_after = time.time() - started
    assert cell.status == "error"
    assert "Interrupted" in cell.error_text
    assert stopped_after < 2.0, f"took {stopped_after:.2f}s to stop"
    assert kernel.ok("kept").result["text/plain"] == "7"


def test_interrupt_stops_a_sleeping_cell(kernel):
    msg_id = kernel.send("Thread.sleep(60_000);")
    time.sleep(1.0)
    kernel.manager.interrupt_kernel()
    assert kernel.collect(msg_id, timeout=10).status == "error"
    assert kernel.ok("1 + 1").result["text/plain"] == "2"


def test_system_exit_restarts_the_session_and_says_so(kernel):
    kernel.ok("int beforeExit = 1;")
    cell = kernel.run("System.exit(3);", timeout=60)
    assert cell.status == "error"
    assert "the code called System.exit(3)" in cell.error_text
    assert "fresh session" in cell.error_text
    assert kernel.ok("20 + 22").result["text/plain"] == "42"
    gone = kernel.run("beforeExit")
    assert gone.status == "error" and "cannot find symbol" in gone.error_text


def test_jvm_crash_restarts_the_session_and_says_so(kernel):
    crash = ("var f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\n"
             "f.setAccessible(true);\n"
             "((sun.misc.Unsafe) f.get(null)).putAddress(0, 0);")
    cell = kernel.run(crash, timeout=90)
    assert cell.status == "error"
    assert "crashed" in cell.error_text
    assert kernel.ok('"alive"').result["text/plain"] == "alive"


def test_restart_gives_a_working_kernel(fresh_kernel):
    fresh_kernel.ok("int before = 1;")
    fresh_kernel.manager.restart_kernel(now=False)
    fresh_kernel.client.wait_for_ready(timeout=120)
    assert fresh_kernel.ok("6 * 7").result["text/plain"] == "42"
    assert fresh_kernel.run("before").status == "error"


def test_shutdown_ends_the_kernel_process(fresh_kernel):
    fresh_kernel.ok("1")
    fresh_kernel.manager.shutdown_kernel(now=False)
    assert not fresh_kernel.manager.is_alive()


def test_frames_inside_multi_line_statements_name_the_cell_line(kernel):
    cell = kernel.run("int unused = 0;\n\ntry (var reader = new java.io.StringReader(\"\")) {\n    Object nothing = null;\n    nothing.toString();\n}")
    assert "java.lang.NullPointerException" in cell.error_text
    assert "line 5 of In [" in cell.error_text


def test_exit_from_a_background_thread_is_reported_by_the_next_cell(kernel):
    kernel.ok("new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { } System.exit(4); }).start();")
    time.sleep(2)
    cell = kernel.run("1 + 1", timeout=60)
    assert cell.status == "error" and "System.exit(4)" in cell.error_text
    assert kernel.ok("1 + 1").result["text/plain"] == "2"
