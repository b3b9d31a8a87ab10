package dev.drover.app.wizard;

import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Step 3: authorized cluster endpoint, etcd snapshots, upgrade strategy; RKE's defaults filled in. FX thread only. */
public final class OptionsStepViewModel {

    private static final Pattern COUNT_OR_PERCENT = Pattern.compile("[1-9]\\d*|([1-9]\\d?|100)%");
    private static final Pattern FQDN = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*");

    private final BooleanProperty aceEnabled = new SimpleBooleanProperty(this, "aceEnabled", true);
    private final StringProperty aceFqdn = new SimpleStringProperty(this, "aceFqdn", "");
    private final BooleanProperty snapshots = new SimpleBooleanProperty(this, "snapshots", true);
    private final StringProperty intervalHours = new SimpleStringProperty(this, "intervalHours", "12");
    private final StringProperty retention = new SimpleStringProperty(this, "retention", "6");
    private final StringProperty maxUnavailableWorker = new SimpleStringProperty(this, "maxUnavailableWorker", "10%");
    private final StringProperty maxUnavailableControlplane = new SimpleStringProperty(this, "maxUnavailableControlplane", "1");

    /** The first thing to fix on this step, or empty. */
    public String problem() {
        String fqdn = aceFqdn.get().strip();
        if (aceEnabled.get() && !fqdn.isEmpty() && !FQDN.matcher(fqdn).matches()) {
            return "FQDN: \"" + fqdn + "\" is not a host name like k8s.example.com.";
        }
        if (snapshots.get() && number(intervalHours.get(), 8760) < 1) {
            return "Snapshot interval: a number of hours from 1 to 8760.";
        }
        if (snapshots.get() && number(retention.get(), 10_000) < 1) {
            return "Snapshots kept: a number from 1 to 10000.";
        }
        if (!COUNT_OR_PERCENT.matcher(maxUnavailableWorker.get().strip()).matches()) {
            return "Workers upgraded at once: a count like 2 or a percentage like 10%.";
        }
        if (!COUNT_OR_PERCENT.matcher(maxUnavailableControlplane.get().strip()).matches()) {
            return "Control-plane nodes upgraded at once: a count like 1 or a percentage like 33%.";
        }
        return "";
    }

    static int number(String text, int max) {
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 1 && value <= max ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public BooleanProperty aceEnabledProperty() {
        return aceEnabled;
    }

    public StringProperty aceFqdnProperty() {
        return aceFqdn;
    }

    public BooleanProperty snapshotsProperty() {
        return snapshots;
    }

    public StringProperty intervalHoursProperty() {
        return intervalHours;
    }

    public StringProperty retentionProperty() {
        return retention;
    }

    public StringProperty maxUnavailableWorkerProperty() {
        return maxUnavailableWorker;
    }

    public StringProperty maxUnavailableControlplaneProperty() {
        return maxUnavailableControlplane;
    }
}
