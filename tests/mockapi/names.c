/* SPDX-License-Identifier: MIT */
/*
 * Fixed text tables of the generated world: the sales team, contact lists,
 * dispositions, sequences and the name pools contacts are drawn from.
 * Non-ASCII names are deliberate: the consumer must keep UTF-8 intact.
 */
#include "mockapi.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Offsets are fixed (no DST): the default window is in November. */
const struct names_rep names_reps[MOCK_REPS] = {
    {"Zoë", "Müller", "Zoe.Mueller@Acme-Sales.example", 60, "Central European Standard Time",
     "Europe/Berlin", 14},
    {"Łukasz", "Kowalski", "lukasz.kowalski@acme-sales.example", 60,
     "Central European Standard Time", "Europe/Warsaw", 11},
    {"Ingrid", "Ødegaard", "Ingrid.Odegaard@acme-sales.example", 60,
     "Central European Standard Time", "Europe/Oslo", 9},
    {"José", "García", "jose.garcia@acme-sales.example", -300, "Eastern Standard Time",
     "America/New_York", 16},
    {"Siobhán", "O'Brien", "siobhan.obrien@acme-sales.example", 0, "Greenwich Mean Time",
     "Europe/Dublin", 8},
    {"ハルト", "田中", "haruto.tanaka@acme-sales.example", 540, "Japan Standard Time", "Asia/Tokyo",
     6},
    {"Amélie", "Dubois", "AMELIE.DUBOIS@acme-sales.example", 60, "Central European Standard Time",
     "Europe/Paris", 10},
    {"Mateus", "Conceição", "mateus.conceicao@acme-sales.example", -180, "Brasilia Standard Time",
     "America/Sao_Paulo", 12},
    {"Priya", "Raghunathan", "priya.raghunathan@acme-sales.example", 330, "India Standard Time",
     "Asia/Kolkata", 13},
    {"Björn", "Ångström", "bjorn.angstrom@acme-sales.example", 60, "Central European Standard Time",
     "Europe/Stockholm", 7},
    {"Olamide", "Adébáyọ̀", "olamide.adebayo@acme-sales.example", 60, "West Africa Standard Time",
     "Africa/Lagos", 9},
    {"Chloé", "Nguyen", "Chloe.Nguyen@Acme-Sales.example", -210, "Newfoundland Standard Time",
     "America/St_Johns", 10},
};

const struct names_list names_lists[MOCK_LISTS] = {
    {"Q1 Prospects", "csv", 0, 18},           {"DACH Enterprise", "crm", 1, 14},
    {"Nordics Mid-Market", "hubspot", 2, 10}, {"Conférence Leads Paris", "csv", 6, 9},
    {"HubSpot MQLs", "hubspot", 3, 16},       {"Salesforce Closed-Lost", "crm", 8, 12},
    {"São Paulo Expansion", "csv", 7, 8},     {"Webinar Attendees — Q4", "hubspot", 11, 13},
};

/* Salesfinity's 14 default dispositions (docs: Get Dispositions) and one
 * custom disposition of the team.  Call records name them differently from
 * the disposition list ("Meeting Set" vs "Answered - Meeting Set"). */
const struct names_disposition names_dispositions[MOCK_DISPOSITIONS + 1] = {
    {"", "", "", "", 0, 0},
    {"meeting_set", "Meeting Set", "Answered - Meeting Set", "positive", 0, 1},
    {"no_longer_with_company", "No Longer With Company", "Answered - No Longer with Company",
     "neutral", 0, 0},
    {"not_interested", "Not Interested", "Answered - Not Interested", "negative", 0, 0},
    {"referral", "Referral", "Answered - Referral", "positive", 0, 1},
    {"wrong_contact", "Wrong Contact", "Answered - Wrong Contact", "neutral", 0, 0},
    {"call_back_later", "Call Back Later", "Answered - Call back later", "positive", 0, 1},
    {"reach_out_6_months", "Reach Out In 6 Months", "Answered - Reach out in 6 months", "positive",
     0, 1},
    {"send_an_email", "Send An Email", "Answered - Send an email", "positive", 0, 1},
    {"do_not_call", "Do Not Call Again", "Answered - Do not call again", "negative", 0, 0},
    {"no_answer", "No Answer", "No Answer", "not_answered", 0, 0},
    {"left_voicemail", "Left Voicemail", "Left Voicemail", "not_answered", 0, 0},
    {"gatekeeper", "Gatekeeper", "Gatekeeper", "not_answered", 0, 0},
    {"bad_number", "Bad Number", "Bad Number", "not_answered", 0, 0},
    {"cancelled", "Cancelled", "Cancelled", "cancelled", 0, 0},
    {"15", "Demo Booked", "Answered - Demo booked", "positive", 1, 1},
};

const char *const names_call_sequences[MOCK_CALL_SEQUENCES + 1] = {
    "", "seq_12345", "seq_67890", "seq_24680", "seq_13579", "seq_11235",
};

const struct names_sequence names_sequences[MOCK_EMAIL_SEQUENCES] = {
    {"Q4 Outbound – DACH", 0, {0, 1, 6}, 3, 0},
    {"Welcome Campaign", 8, {8, 4, 0}, 2, -1},
    {"Follow-Up Sequence", 3, {3, 11, 7}, 3, 1},
    {"Re-engagement: Closed-Lost", 9, {9, 2, 10}, 3, -1},
    {"Webinar Invite “Scaling Outreach”", 5, {5, 8, 4}, 3, 2},
};

const struct names_client names_clients[MOCK_CLIENTS] = {
    {"john", "doe", "john.doe@demo-agency.example", "active", "Demo"},
    {"alice", "johnson", "alice@techcorp.example", "active", "TechCorp"},
    {"Émilie", "Roux", "emilie.roux@agence-lumiere.example", "inactive", "Agence Lumière"},
};

const struct names_pair names_first[] = {
    {"John", "john"},     {"María", "maria"},         {"Jürgen", "juergen"},  {"Sofía", "sofia"},
    {"Émile", "emile"},   {"Anna", "anna"},           {"Kenji", "kenji"},     {"Fatima", "fatima"},
    {"Søren", "soren"},   {"Agnieszka", "agnieszka"}, {"Liam", "liam"},       {"Noémie", "noemie"},
    {"Giulia", "giulia"}, {"Oğuz", "oguz"},           {"Chinedu", "chinedu"}, {"Wei", "wei"},
    {"Aoife", "aoife"},   {"Mikael", "mikael"},       {"Ana", "ana"},         {"Rahul", "rahul"},
    {"Sarah", "sarah"},   {"Michael", "michael"},     {"Lucía", "lucia"},     {"Håkon", "hakon"},
    {"Zsófia", "zsofia"}, {"Renée", "renee"},         {"Tomás", "tomas"},     {"Nadia", "nadia"},
    {"さくら", "sakura"}, {"David", "david"},         {"Ines", "ines"},       {"Matteo", "matteo"},
};
const size_t names_first_count = COUNT(names_first);

const struct names_pair names_last[] = {
    {"Doe", "doe"},
    {"Schröder", "schroeder"},
    {"Fernández", "fernandez"},
    {"Lefèvre", "lefevre"},
    {"Nowak", "nowak"},
    {"Yamamoto", "yamamoto"},
    {"Johansson", "johansson"},
    {"Dvořák", "dvorak"},
    {"Okafor", "okafor"},
    {"Smith", "smith"},
    {"Brown", "brown"},
    {"Østergaard", "ostergaard"},
    {"Rossi", "rossi"},
    {"Yılmaz", "yilmaz"},
    {"Zhang", "zhang"},
    {"Murphy", "murphy"},
    {"Virtanen", "virtanen"},
    {"Kovács", "kovacs"},
    {"Silva", "silva"},
    {"Patel", "patel"},
    {"Lee", "lee"},
    {"Novák", "novak"},
    {"Haddad", "haddad"},
    {"Nakamura", "nakamura"},
    {"Papadopoulos", "papadopoulos"},
    {"O'Connor", "oconnor"},
    {"van der Berg", "vanderberg"},
    {"佐藤", "sato"},
    {"Müller", "mueller"},
    {"Andersen", "andersen"},
    {"Kim", "kim"},
    {"García", "garcia"},
};
const size_t names_last_count = COUNT(names_last);

const struct names_pair names_companies[] = {
    {"Acme Corp", "acme.example"},
    {"Globex GmbH", "globex.example"},
    {"Initech", "initech.example"},
    {"Umbrella Health", "umbrella-health.example"},
    {"Müller & Söhne GmbH", "mueller-soehne.example"},
    {"Société Lumière SA", "lumiere.example"},
    {"Nordisk Fjord AS", "nordiskfjord.example"},
    {"東京テック株式会社", "tokyotech.example"},
    {"Contoso Ltd", "contoso.example"},
    {"Stark Industries", "stark.example"},
    {"Wayne Enterprises", "wayne.example"},
    {"Hooli", "hooli.example"},
    {"Pied Piper", "piedpiper.example"},
    {"Vandelay Industries", "vandelay.example"},
    {"Soylent Foods", "soylent.example"},
    {"Ølbryggeriet København", "olbryggeriet.example"},
    {"Dunder Mifflin", "dundermifflin.example"},
    {"Aperture Labs", "aperture.example"},
    {"Cyberdyne Systems", "cyberdyne.example"},
    {"Tyrell Corp", "tyrell.example"},
    {"Açaí Brasil Ltda", "acai-brasil.example"},
    {"Zürich Re Demo AG", "zurich-re.example"},
    {"Kraków Software sp. z o.o.", "krakow-software.example"},
    {"Oceanic Airlines", "oceanic.example"},
    {"Massive Dynamic", "massive-dynamic.example"},
    {"Bluth Company", "bluth.example"},
    {"Prestige Worldwide", "prestige.example"},
    {"Gringotts Bank", "gringotts.example"},
    {"Los Pollos Hermanos", "lospollos.example"},
    {"Wonka Industries", "wonka.example"},
    {"Sirius Cybernetics", "sirius.example"},
    {"Black Mesa", "blackmesa.example"},
};
const size_t names_companies_count = COUNT(names_companies);

const char *const names_titles[] = {
    "VP of Sales",
    "Head of Revenue Operations",
    "Chief Executive Officer",
    "Directrice Commerciale",
    "IT Manager",
    "Procurement Lead",
    "Geschäftsführer",
    "Sales Development Manager",
    "Office Manager",
    "CFO",
    "Head of Growth",
    "Account Director",
    "Operations Manager",
    "CTO",
    "Marketing Director",
    "Founder",
};
const size_t names_titles_count = COUNT(names_titles);

const char *const names_links[] = {
    "https://example.com/offer",
    "https://example.com/product",
    "https://example.com/discount",
    "https://acme-sales.example/demo?utm_source=saleshandy&utm_campaign=q4",
    "https://acme-sales.example/case-studies/müller-söhne",
};
const size_t names_links_count = COUNT(names_links);

const char *const names_sentiments[] = {
    "",       "Interested", "Not Interested", "Meeting Booked", "Out of Office",
    "Closed", "Not Now",    "Do Not Contact", "Uncategorized",
};
const size_t names_sentiments_count = COUNT(names_sentiments);
