package ai.lepton.runtime.input;

import java.time.LocalDateTime;
import java.util.function.ToIntFunction;

/** A number taken from a date: how a preparation turns a date into features, at training and at predict time. */
public enum TimePart {
    YEAR(LocalDateTime::getYear),
    MONTH(LocalDateTime::getMonthValue),
    DAY(LocalDateTime::getDayOfMonth),
    /** 1 (Monday) to 7 (Sunday), as ISO counts. */
    WEEKDAY(time -> time.getDayOfWeek().getValue()),
    DAY_OF_YEAR(LocalDateTime::getDayOfYear),
    HOUR(LocalDateTime::getHour);

    private final ToIntFunction<LocalDateTime> extract;

    TimePart(ToIntFunction<LocalDateTime> extract) {
        this.extract = extract;
    }

    public int of(LocalDateTime time) {
        return extract.applyAsInt(time);
    }
}
