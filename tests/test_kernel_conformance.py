"""Jupyter's own kernel test suite (Debian's python3-jupyter-kernel-test) against the installed `lepton` kernelspec:
every message it sends is validated against the messaging spec's schemas, with a sample of each thing the kernel does."""
import unittest

import jupyter_kernel_test


class LeptonKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "lepton"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("on purpose");'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"lep" + "ton"', "result": "lepton"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("plain words");', "mime": "text/plain"},
    ]
    completion_samples = [
        {"text": "String.valueO", "matches": {"valueOf("}},
    ]
    complete_code_samples = ["int x = 1;", "System.out.println(1);", "%lepton help"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "String s = \"abc\" +"]
    invalid_code_samples = ["int x = 1;)"]
    code_inspect_sample = "java.util.List"
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")


if __name__ == "__main__":
    unittest.main()


class LeptonRepliesOutsideTheSuite(unittest.TestCase):
    """The replies the suite does not ask for, validated against the same schemas: comm_info, interrupt, shutdown."""

    def test_comm_info_interrupt_and_shutdown_replies_carry_their_status(self):
        from jupyter_client.manager import start_new_kernel
        from jupyter_kernel_test.msgspec_v5 import validate_message

        km, kc = start_new_kernel(kernel_name="lepton")
        try:
            msg_id = kc.comm_info()
            reply = kc.get_shell_msg(timeout=30)
            validate_message(reply, "comm_info_reply", msg_id)
            self.assertEqual(reply["content"]["status"], "ok")

            request = kc.session.msg("interrupt_request", {})
            kc.control_channel.send(request)
            reply = kc.get_control_msg(timeout=30)
            validate_message(reply, "interrupt_reply", request["header"]["msg_id"])
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertEqual(kc.execute_interactive("1 + 1", timeout=60)["content"]["status"], "ok", "alive after it")

            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=30)
            validate_message(reply, "shutdown_reply", msg_id)
            self.assertEqual(reply["content"], {"status": "ok", "restart": False})
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
