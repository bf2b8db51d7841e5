package io.github.cameloffice365.governance.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Office regions where a tenant's mailboxes live, and the Azure regions MGDC accepts for a destination of each,
 * as Microsoft's Graph Data Connect dataset documentation maps them. The alternate regions Microsoft names for a
 * destination closed to public access are not accepted: they are a workaround for Azure Data Factory's firewall
 * rules, not a region of the tenant's data.
 */
public enum OfficeRegion {

    ASIA_PACIFIC("Asia-Pacific", List.of("APC"), List.of("East Asia", "Southeast Asia")),
    AUSTRALIA("Australia", List.of("AUS"), List.of("Australia East", "Australia Southeast")),
    EUROPE("Europe", List.of("EUR"), List.of("North Europe", "West Europe")),
    NORTH_AMERICA("North America", List.of("NAM"), List.of("Central US", "East US", "East US 2", "North Central US",
            "South Central US", "West Central US", "West US", "West US 2")),
    BRAZIL("Brazil", List.of("BRA"), List.of("Brazil South")),
    UNITED_KINGDOM("United Kingdom", List.of("GBR", "UK"), List.of("UK South", "UK West")),
    CANADA("Canada", List.of("CAN"), List.of("Canada Central", "Canada East")),
    JAPAN("Japan", List.of("JPN"), List.of("Japan West", "Japan East")),
    INDIA("India", List.of("IND"), List.of("South India", "Central India")),
    KOREA("Korea", List.of("KOR"), List.of("Korea Central", "Korea South")),
    SWITZERLAND("Switzerland", List.of("CHE"), List.of("Switzerland North")),
    GERMANY("Germany", List.of("DEU"), List.of("Germany West Central")),
    NORWAY("Norway", List.of("NOR"), List.of("Norway East")),
    FRANCE("France", List.of("FRA"), List.of("France Central")),
    UAE("UAE", List.of("ARE"), List.of("UAE North"));

    private final String displayName;
    private final List<String> codes;
    private final List<String> azureRegions;

    OfficeRegion(String displayName, List<String> codes, List<String> azureRegions) {
        this.displayName = displayName;
        this.codes = codes;
        this.azureRegions = azureRegions;
    }

    /** The region's name as Microsoft writes it, e.g. {@code North America}. */
    public String displayName() {
        return displayName;
    }

    /** The Azure regions a destination may be in, as display names, e.g. {@code West Europe}. */
    public List<String> azureRegions() {
        return azureRegions;
    }

    /** The Azure regions a destination may be in, as Azure Resource Manager writes locations, e.g. {@code westeurope}. */
    public List<String> azureLocations() {
        return azureRegions.stream().map(OfficeRegion::location).toList();
    }

    /** Whether an Azure location (either spelling: {@code westeurope} or {@code West Europe}) is one of this region's. */
    public boolean contains(String azureLocation) {
        return azureLocation != null && azureLocations().contains(location(azureLocation));
    }

    /**
     * The Office region of a name: its display name, its enum name or its data-location code (e.g. {@code Europe},
     * {@code NORTH_AMERICA}, {@code EUR}, {@code NAM}), without regard to case, spaces, hyphens or underscores.
     */
    public static Optional<OfficeRegion> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = squeeze(name);
        return Arrays.stream(values())
                .filter(r -> squeeze(r.displayName).equals(wanted) || squeeze(r.name()).equals(wanted)
                             || r.codes.stream().anyMatch(code -> squeeze(code).equals(wanted)))
                .findFirst();
    }

    /** Every accepted name, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values()).map(r -> r.displayName + " (" + String.join(", ", r.codes) + ")")
                .collect(Collectors.joining(", "));
    }

    /** An Azure region's name as Resource Manager writes a location: lower case, no spaces. */
    static String location(String region) {
        return region.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    private static String squeeze(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
    }
}
