package io.github.cameloffice365.governance.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Office region to Azure region map of the policy check. */
class OfficeRegionTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "Europe, EUROPE", "EUR, EUROPE", "eur, EUROPE", "North America, NORTH_AMERICA", "NAM, NORTH_AMERICA",
            "north_america, NORTH_AMERICA", "Asia-Pacific, ASIA_PACIFIC", "APC, ASIA_PACIFIC",
            "United Kingdom, UNITED_KINGDOM", "GBR, UNITED_KINGDOM", "UAE, UAE", "ARE, UAE", "CHE, SWITZERLAND"})
    void shouldFindARegionByNameOrCode(String name, OfficeRegion region) {
        assertThat(OfficeRegion.find(name)).contains(region);
    }

    @Test
    void shouldFindNothingForAnUnknownName() {
        assertThat(OfficeRegion.find("Atlantis")).isEmpty();
        assertThat(OfficeRegion.find(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({
            "EUROPE, westeurope, true", "EUROPE, West Europe, true", "EUROPE, northeurope, true",
            "EUROPE, uksouth, false", "EUROPE, eastus, false", "NORTH_AMERICA, eastus2, true",
            "NORTH_AMERICA, westcentralus, true", "NORTH_AMERICA, canadacentral, false",
            "GERMANY, germanywestcentral, true", "GERMANY, westeurope, false", "SWITZERLAND, northeurope, false",
            "UAE, uaenorth, true", "JAPAN, japaneast, true", "INDIA, centralindia, true"})
    void shouldAcceptOnlyTheMappedAzureRegions(OfficeRegion region, String location, boolean accepted) {
        assertThat(region.contains(location)).isEqualTo(accepted);
    }

    @Test
    void shouldNameEveryRegionAndCodeInTheAcceptedList() {
        assertThat(OfficeRegion.acceptedNames()).startsWith("Asia-Pacific (APC), Australia (AUS), Europe (EUR)")
                .contains("United Kingdom (GBR, UK)").endsWith("UAE (ARE)");
    }
}
