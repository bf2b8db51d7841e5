package io.github.cameloffice365.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetCatalogTest {

    @Test
    void shouldListEveryTableItExtracts() {
        assertThat(DatasetCatalog.names()).containsExactly(
                "BasicDataSet_v0.Message_v1", "BasicDataSet_v0.SentItem_v1", "BasicDataSet_v0.Inbox_v1",
                "BasicDataSet_v0.Event_v1", "BasicDataSet_v0.Contact_v1", "BasicDataSet_v0.User_v1",
                "BasicDataSet_v0.MailboxSettings_v0");
    }

    @Test
    void shouldFindATableWithoutRegardToCase() {
        assertThat(DatasetCatalog.find("basicdataset_v0.message_V1")).map(Dataset::name)
                .contains("BasicDataSet_v0.Message_v1");
    }

    @Test
    void shouldFindNothingForAnUnknownTable() {
        assertThat(DatasetCatalog.find("BasicDataSet_v0.Mailbox_v0")).isEmpty();
        assertThat(DatasetCatalog.find(null)).isEmpty();
    }

    @Test
    void shouldNameTheOptionAndTheAcceptedTablesWhenATableIsUnknown() {
        assertThatThrownBy(() -> DatasetCatalog.get("BasicDataSet_v0.Mailbox_v0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName")
                .hasMessageContaining("'BasicDataSet_v0.Mailbox_v0'")
                .hasMessageContaining("BasicDataSet_v0.Message_v1, BasicDataSet_v0.SentItem_v1");
    }

    @Test
    void shouldDescribeTheTablesAsMicrosoftDocumentsThem() {
        Dataset message = DatasetCatalog.get(DatasetCatalog.MESSAGE_V1);
        assertThat(message.columns()).hasSize(32);
        assertThat(message.requiresDateFilter()).isTrue();
        assertThat(message.readsMailboxes()).isTrue();
        assertThat(message.readsSingleObject()).isFalse();
        assertThat(message.odataType()).contains("#microsoft.graph.message");
        assertThat(message.dateFilterColumns()).extracting(DatasetColumn::name)
                .containsExactly("createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime");

        Dataset sentItem = DatasetCatalog.get(DatasetCatalog.SENT_ITEM_V1);
        assertThat(sentItem.columns()).hasSize(31).extracting(DatasetColumn::name).doesNotContain("internetMessageHeaders");
        assertThat(DatasetCatalog.get(DatasetCatalog.INBOX_V1).requiresDateFilter()).isFalse();

        Dataset event = DatasetCatalog.get(DatasetCatalog.EVENT_V1);
        assertThat(event.columns()).hasSize(40);
        assertThat(event.requiresDateFilter()).isTrue();
        assertThat(event.dateFilterColumns()).extracting(DatasetColumn::name)
                .containsExactly("createdDateTime", "lastModifiedDateTime");

        Dataset contact = DatasetCatalog.get(DatasetCatalog.CONTACT_V1);
        assertThat(contact.columns()).hasSize(38);
        assertThat(contact.dateFilterColumns()).isEmpty();

        Dataset user = DatasetCatalog.get(DatasetCatalog.USER_V1);
        assertThat(user.columns()).hasSize(46);
        assertThat(user.odataType()).isEmpty();
        assertThat(user.readsMailboxes()).isFalse();
        assertThat(user.readsSingleObject()).isTrue();

        Dataset mailboxSettings = DatasetCatalog.get(DatasetCatalog.MAILBOX_SETTINGS_V0);
        assertThat(mailboxSettings.columns()).hasSize(8);
        assertThat(mailboxSettings.readsSingleObject()).isTrue();
        assertThat(mailboxSettings.odataType()).contains("#microsoft.graph.mailboxSettings");
    }

    @Test
    void shouldKeepEnumerationsOfComplexValuesOnlyInTheConversionTables() {
        assertThat(DatasetCatalog.get(DatasetCatalog.EVENT_V1).valueRules().byPath())
                .containsKeys("attendees.type", "attendees.status.response", "recurrence.pattern.daysOfWeek",
                        "recurrence.range.startDate", "location.uniqueIdType")
                .doesNotContainKeys("showAs", "type", "importance");
        assertThat(DatasetCatalog.get(DatasetCatalog.MAILBOX_SETTINGS_V0).valueRules().byPath())
                .containsKeys("automaticRepliesSetting.status", "workingHours.startTime")
                .doesNotContainKey("delegateMeetingMessageDeliveryOptions");
    }
}
