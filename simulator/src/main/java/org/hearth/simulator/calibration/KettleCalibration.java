package org.hearth.simulator.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.json.HearthJson;

/**
 * Derives {@link KettleParameters} from the REFIT / UK-DALE boil list
 * ({@code house,start_local,minutes,mean_watts}). Run {@link #main} to regenerate the committed
 * resource after the data or the method changes; a test checks that the committed numbers still
 * follow from the data when the data is present.
 */
public final class KettleCalibration {

    /** Gaps of more than this many days without a boil are treated as away or unrecorded. */
    public static final int MAX_NO_BOIL_RUN = 2;

    static final List<Double> GAP_LEVELS = List.of(0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String DERIVATION = "From boils.csv (REFIT House 2 and 20, UK-DALE House 2; a boil = kettle >= 1000 W"
            + " for >= one 1-minute sample). Boils grouped by house and local date. Days with boils: per-day counts;"
            + " meanBoilsPerDay over those days; withinHouseCv = mean over houses of (sd/mean of the house's daily counts)."
            + " noBoilDayRate = days inside runs of <= 2 consecutive boil-less days between a house's first and last"
            + " boil, over those days plus days with boils (longer runs are holidays or gaps in recording)."
            + " First boil = the day's first boil at or after 04:00; its spread per house is IQR/1.349, the median over"
            + " houses is kept; weekend shift = median over houses of (weekend median - weekday median)."
            + " Gaps = minutes between consecutive boils on one day, pooled. Hour shares = boils other than the"
            + " day's first, by local hour, pooled. Durations = the minutes column, 5 and more pooled."
            + " Watts = quantiles of mean_watts. Quantiles are nearest-rank on the sorted values.";

    private KettleCalibration() {}

    /** One boil as recorded. */
    record Boil(String house, LocalDateTime start, int minutes, double watts) {}

    /** Reads the CSV and derives the parameters. */
    public static KettleParameters derive(Path csv) throws IOException {
        List<Boil> boils = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                throw new IOException(csv.getFileName() + ":" + (i + 1) + ": expected 4 columns, got " + f.length);
            }
            boils.add(new Boil(f[0], LocalDateTime.parse(f[1], STAMP), Integer.parseInt(f[2]), Double.parseDouble(f[3])));
        }
        return derive(boils);
    }

    static KettleParameters derive(List<Boil> boils) {
        Map<String, TreeMap<LocalDate, List<LocalDateTime>>> byHouse = new TreeMap<>();
        for (Boil b : boils) {
            byHouse.computeIfAbsent(b.house(), h -> new TreeMap<>())
                    .computeIfAbsent(b.start().toLocalDate(), d -> new ArrayList<>()).add(b.start());
        }
        int houseDays = 0;
        int daysWithBoils = 0;
        int noBoilDays = 0;
        double countSum = 0;
        double cvSum = 0;
        List<Double> firstAll = new ArrayList<>();
        List<Double> firstSds = new ArrayList<>();
        List<Double> weekendShifts = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        double[] hours = new double[24];
        for (TreeMap<LocalDate, List<LocalDateTime>> days : byHouse.values()) {
            houseDays += (int) ChronoUnit.DAYS.between(days.firstKey(), days.lastKey()) + 1;
            LocalDate previous = null;
            double[] counts = new double[days.size()];
            int k = 0;
            List<Double> firsts = new ArrayList<>();
            List<Double> weekday = new ArrayList<>();
            List<Double> weekend = new ArrayList<>();
            for (Map.Entry<LocalDate, List<LocalDateTime>> day : days.entrySet()) {
                if (previous != null) {
                    long run = ChronoUnit.DAYS.between(previous, day.getKey()) - 1;
                    if (run > 0 && run <= MAX_NO_BOIL_RUN) {
                        noBoilDays += (int) run;
                    }
                }
                previous = day.getKey();
                List<LocalDateTime> times = day.getValue();
                times.sort(null);
                counts[k++] = times.size();
                daysWithBoils++;
                countSum += times.size();
                LocalDateTime first = times.stream().filter(t -> t.getHour() >= 4).findFirst().orElse(null);
                if (first != null) {
                    double minute = first.getHour() * 60 + first.getMinute();
                    firsts.add(minute);
                    firstAll.add(minute);
                    DayOfWeek dow = first.getDayOfWeek();
                    (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? weekend : weekday).add(minute);
                }
                for (int i = 1; i < times.size(); i++) {
                    gaps.add((double) ChronoUnit.MINUTES.between(times.get(i - 1), times.get(i)));
                }
                for (LocalDateTime t : times) {
                    if (!t.equals(first)) {
                        hours[t.getHour()]++;
                    }
                }
            }
            double mean = Arrays.stream(counts).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(counts).map(c -> (c - mean) * (c - mean)).sum() / counts.length);
            cvSum += sd / mean;
            firstSds.add((quantile(firsts, 0.75) - quantile(firsts, 0.25)) / 1.349);
            weekendShifts.add(quantile(weekend, 0.5) - quantile(weekday, 0.5));
        }
        double hourTotal = Arrays.stream(hours).sum();
        List<Double> hourShare = Arrays.stream(hours).map(h -> round(h / hourTotal, 4)).boxed().toList();
        double[] durations = new double[5];
        for (Boil b : boils) {
            durations[Math.min(Math.max(b.minutes(), 1), 5) - 1]++;
        }
        List<Double> durationShare = Arrays.stream(durations).map(d -> round(d / boils.size(), 4)).boxed().toList();
        List<Double> watts = boils.stream().map(Boil::watts).toList();
        return new KettleParameters(
                boils.size(), houseDays, daysWithBoils,
                round(countSum / daysWithBoils, 3),
                round(cvSum / byHouse.size(), 3),
                round((double) noBoilDays / (noBoilDays + daysWithBoils), 4),
                quantile(firstAll, 0.5),
                round(quantile(firstSds, 0.5), 1),
                quantile(weekendShifts, 0.5),
                GAP_LEVELS,
                GAP_LEVELS.stream().map(l -> quantile(gaps, l)).toList(),
                hourShare,
                durationShare,
                quantile(watts, 0.10), quantile(watts, 0.5), quantile(watts, 0.90),
                DERIVATION);
    }

    /** Nearest-rank quantile (the value at index floor(p * (n - 1)) of the sorted list). */
    static double quantile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    /** Prints the parameters as JSON: {@code KettleCalibration ../shared/data/kettle-uk/boils.csv}. */
    public static void main(String[] args) {
        try {
            Path csv = Path.of(args.length > 0 ? args[0] : "../shared/data/kettle-uk/boils.csv");
            System.out.println(HearthJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(derive(csv)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
