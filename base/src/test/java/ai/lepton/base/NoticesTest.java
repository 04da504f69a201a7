package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class NoticesTest {

    @Test
    void outsideANotebookInformationIsALineOnStandardOutputAndAWarningALineOnStandardError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Notices.info("Run 7 submitted as Slurm job 12.");
            Notices.warning("penguins: 11 of 344 rows have no value in the target.");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals("Run 7 submitted as Slurm job 12." + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
        assertEquals(
                "penguins: 11 of 344 rows have no value in the target." + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anInstalledSinkGetsEveryNoticeWithItsLevelFromAnyThreadUntilItIsClosed() throws InterruptedException {
        List<Notice> outer = new ArrayList<>();
        List<Notice> inner = new ArrayList<>();
        try (Notices.Installed first = Notices.use(outer::add)) {
            try (Notices.Installed second = Notices.use(inner::add)) {
                Thread trial = new Thread(() -> Notices.warning("cut to max_length"));
                trial.start();
                trial.join();
                Notices.info("interrupted");
            }
            Notices.info("after");
        }
        assertEquals(List.of(Notice.warning("cut to max_length"), Notice.info("interrupted")), inner);
        assertEquals(List.of(Notice.info("after")), outer, "closing the inner sink put the outer one back");
    }

    @Test
    void whileEachOnceIsOpenANoticeShownBeforeIsNotShownAgain() {
        List<Notice> shown = new ArrayList<>();
        try (Notices.Installed sink = Notices.use(shown::add)) {
            try (Notices.Installed once = Notices.eachOnce()) {
                Notices.info("device: auto → CPU");
                Notices.info("device: auto → CPU");
                Notices.warning("device: auto → CPU");
                Notices.info("Run 3 INTERRUPTED");
            }
            Notices.info("device: auto → CPU");
        }
        assertEquals(
                List.of(
                        Notice.info("device: auto → CPU"),
                        Notice.warning("device: auto → CPU"),
                        Notice.info("Run 3 INTERRUPTED"),
                        Notice.info("device: auto → CPU")),
                shown,
                "the same text at another level is another notice; after the close each is shown again");
    }

    @Test
    void aNullNoticeOrSinkIsRefusedByName() {
        NullPointerException notice = assertThrows(NullPointerException.class, () -> Notices.show(null));
        assertEquals("notice", notice.getMessage());
        NullPointerException sink = assertThrows(NullPointerException.class, () -> Notices.use(null));
        assertEquals("sink", sink.getMessage());
    }
}
