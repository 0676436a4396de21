#include "metrics/danish_gazetteer.h"

#include <algorithm>
#include <array>
#include <string>

namespace pb {

namespace {

using K = GazetteerKind;

// Keys are case-folded words with spaces and hyphens removed; the first key is the canonical's own.
constexpr std::array kPhrases = {
    // Organisations and systems a job-centre note refers to.
    GazetteerPhrase{"Jobcenter", K::organisation, "jobcenter|jobcentret|jobcentrets|jobcentre|jobcentrene"},
    GazetteerPhrase{"Jobnet", K::organisation, "jobnet|jobnets|jobnetappen|jobnetapp"},
    GazetteerPhrase{"Min Plan", K::organisation, "minplan"},
    GazetteerPhrase{"e-Boks", K::organisation, "eboks|digitalpost"},
    GazetteerPhrase{"MitID", K::organisation, "mitid"},
    GazetteerPhrase{"borger.dk", K::organisation, "borger.dk"},
    GazetteerPhrase{"a-kasse", K::organisation, "akasse|akassen|akassens|arbejdsløshedskasse|arbejdsløshedskassen"},
    GazetteerPhrase{"3F", K::organisation, "3f|3fs|3f's"},
    GazetteerPhrase{"3F's a-kasse", K::organisation, "3f'sakasse|3fsakasse|3fakasse|3fakassen|3f'sakassen"},
    GazetteerPhrase{"Det Faglige Hus", K::organisation, "detfagligehus|fagligehus"},
    GazetteerPhrase{"Krifa", K::organisation, "krifa|krifas"},
    GazetteerPhrase{"Kristelig A-kasse", K::organisation, "kristeligakasse"},
    GazetteerPhrase{"HK", K::organisation, "hk|hks|hk's"},
    GazetteerPhrase{"HK's a-kasse", K::organisation, "hk'sakasse|hksakasse|hkakasse"},
    GazetteerPhrase{"FOA", K::organisation, "foa|foas|foa's"},
    GazetteerPhrase{"FOA's a-kasse", K::organisation, "foa'sakasse|foasakasse|foaakasse"},
    GazetteerPhrase{"Ase", K::organisation, "ase|ases"},
    GazetteerPhrase{"Min A-kasse", K::organisation, "minakasse"},
    GazetteerPhrase{"Metal A-kasse", K::organisation, "metalakasse"},
    GazetteerPhrase{"PROSA", K::organisation, "prosa|prosas|prosa'sakasse|prosasakasse"},
    GazetteerPhrase{"BUPL", K::organisation, "bupl|bupls|bupl'sakasse|buplsakasse"},
    GazetteerPhrase{"Blik og Rør", K::organisation, "blikogrør|blikogrørsakasse|blikogrør'sakasse"},
    GazetteerPhrase{"Dana", K::organisation, "danaakasse"},
    GazetteerPhrase{"Akademikernes A-kasse", K::organisation, "akademikernesakasse|akademikerneakasse"},
    GazetteerPhrase{"Djøf", K::organisation, "djøf|djøfs"},
    GazetteerPhrase{"Udbetaling Danmark", K::organisation, "udbetalingdanmark"},
    GazetteerPhrase{"STAR", K::organisation, "styrelsenforarbejdsmarkedogrekruttering"},
    GazetteerPhrase{"Sprogcenter", K::organisation, "sprogcenter|sprogcentret|sprogcentre|sprogskole|sprogskolen"},
    GazetteerPhrase{"SOSU-skolen", K::organisation, "sosuskolen|sosuskole"},
    GazetteerPhrase{"VUC", K::organisation, "vuc"},
    GazetteerPhrase{"Ydelseskontoret", K::organisation, "ydelseskontoret|ydelseskontor"},

    // Employment interventions (tilbud og indsatser).
    GazetteerPhrase{"virksomhedspraktik", K::intervention,
                    "virksomhedspraktik|virksomhedspraktikken|praktik|praktikken|praktikforløb|praktikforløbet"},
    GazetteerPhrase{"løntilskud", K::intervention,
                    "løntilskud|løntilskudsjob|løntilskudsjobbet|jobmedløntilskud|ansættelsemedløntilskud"},
    GazetteerPhrase{"mentor", K::intervention, "mentor|mentoren|mentorstøtte|mentorforløb|mentorordning"},
    GazetteerPhrase{"CV-kursus", K::intervention,
                    "cvkursus|cvkurset|kursusicv|kursusicvogansøgning|kursusiansøgningogcv|cvogansøgningskursus"},
    GazetteerPhrase{"jobsøgningskursus", K::intervention, "jobsøgningskursus|jobsøgningskurset"},
    GazetteerPhrase{"jobrotation", K::intervention, "jobrotation|jobrotationsvikar"},
    GazetteerPhrase{"ressourceforløb", K::intervention, "ressourceforløb|ressourceforløbet"},
    GazetteerPhrase{"jobafklaringsforløb", K::intervention, "jobafklaringsforløb|jobafklaringsforløbet|jobafklaring"},
    GazetteerPhrase{"revalidering", K::intervention, "revalidering|revalideringsforløb"},
    GazetteerPhrase{"fleksjob", K::intervention, "fleksjob|fleksjobbet|fleksjobvisitation"},
    GazetteerPhrase{"arbejdsprøvning", K::intervention, "arbejdsprøvning|arbejdsprøvningen"},
    GazetteerPhrase{"IGU", K::intervention, "igu|iguforløb|integrationsgrunduddannelse|integrationsgrunduddannelsen"},
    GazetteerPhrase{"FGU", K::intervention, "fgu|forberedendegrunduddannelse"},
    GazetteerPhrase{"danskuddannelse", K::intervention, "danskuddannelse|danskuddannelsen|danskundervisning|danskundervisningen"},
    GazetteerPhrase{"opkvalificering", K::intervention, "opkvalificering|opkvalificeringen"},
    GazetteerPhrase{"6 ugers jobrettet uddannelse", K::intervention,
                    "6ugersjobrettetuddannelse|seksugersjobrettetuddannelse|jobrettetuddannelse"},
    GazetteerPhrase{"AMU-kursus", K::intervention, "amukursus|amukurset|amu"},
    GazetteerPhrase{"nytteindsats", K::intervention, "nytteindsats|nyttejob"},
    GazetteerPhrase{"delvis raskmelding", K::intervention, "delvisraskmelding|delvistraskmeldt"},
    GazetteerPhrase{"træningsforløb", K::intervention, "træningsforløb|træningsforløbet|genoptræning"},
    GazetteerPhrase{"jobmesse", K::intervention, "jobmesse|jobmessen"},
    GazetteerPhrase{"uddannelsespålæg", K::intervention, "uddannelsespålæg"},
    GazetteerPhrase{"jobsøgningsforløb", K::intervention, "jobsøgningsforløb"},
    GazetteerPhrase{"joblog", K::intervention, "joblog|joblogg|jobloggen"},

    // Job titles (the synthetic corpus's and common ones).
    GazetteerPhrase{"lagerarbejder", K::job_title, "lagerarbejder"},
    GazetteerPhrase{"truckfører", K::job_title, "truckfører"},
    GazetteerPhrase{"pakkeriarbejder", K::job_title, "pakkeriarbejder"},
    GazetteerPhrase{"rengøringsleder", K::job_title, "rengøringsleder"},
    GazetteerPhrase{"souschef", K::job_title, "souschef"},
    GazetteerPhrase{"social- og sundhedshjælper", K::job_title, "socialogsundhedshjælper|sosuhjælper"},
    GazetteerPhrase{"social- og sundhedsassistent", K::job_title, "socialogsundhedsassistent|sosuassistent"},
    GazetteerPhrase{"pædagogisk assistent", K::job_title, "pædagogiskassistent"},
    GazetteerPhrase{"administrativ medarbejder", K::job_title, "administrativmedarbejder"},
    GazetteerPhrase{"tømrer", K::job_title, "tømrer"},
    GazetteerPhrase{"elektriker", K::job_title, "elektriker"},
    GazetteerPhrase{"anlægsgartner", K::job_title, "anlægsgartner"},
    GazetteerPhrase{"gartner", K::job_title, "gartner"},
    GazetteerPhrase{"bygningsarbejder", K::job_title, "bygningsarbejder"},
    GazetteerPhrase{"slagteriarbejder", K::job_title, "slagteriarbejder"},
    GazetteerPhrase{"svejser", K::job_title, "svejser"},
    GazetteerPhrase{"bogholder", K::job_title, "bogholder|lønbogholder"},
    GazetteerPhrase{"receptionist", K::job_title, "receptionist"},
    GazetteerPhrase{"kok", K::job_title, "kok|kokken"},
    GazetteerPhrase{"opvasker", K::job_title, "opvasker"},
    GazetteerPhrase{"smørrebrødsjomfru", K::job_title, "smørrebrødsjomfru"},
    GazetteerPhrase{"dagplejer", K::job_title, "dagplejer"},
    GazetteerPhrase{"pædagog", K::job_title, "pædagog|skolepædagog"},
    GazetteerPhrase{"IT-supporter", K::job_title, "itsupporter"},
    GazetteerPhrase{"webudvikler", K::job_title, "webudvikler"},
    GazetteerPhrase{"systemadministrator", K::job_title, "systemadministrator"},
    GazetteerPhrase{"sygeplejerske", K::job_title, "sygeplejerske"},
    GazetteerPhrase{"teamleder", K::job_title, "teamleder"},
    GazetteerPhrase{"mekaniker", K::job_title, "mekaniker|automekaniker"},
    GazetteerPhrase{"frisør", K::job_title, "frisør"},
    GazetteerPhrase{"postbud", K::job_title, "postbud"},
    GazetteerPhrase{"portør", K::job_title, "portør"},
    GazetteerPhrase{"ekspedient", K::job_title, "ekspedient"},
    GazetteerPhrase{"chauffør", K::job_title, "chauffør"},
};

// Job titles are found by their ending as well; these are endings of occupations only.
constexpr std::array<std::string_view, 16> kJobEndings = {
    "medarbejder", "assistent", "hjælper",   "medhjælper", "chauffør",  "operatør", "montør",     "tekniker",
    "konsulent",   "supporter", "udvikler", "sygeplejerske", "pædagog", "mekaniker", "ekspedient", "arbejder"};
// Words ending like a job title that are something else ("samarbejder" is a verb).
constexpr std::array<std::string_view, 6> kNotJobTitles = {"samarbejder", "bearbejder", "udarbejder",
                                                           "medarbejder", "arbejder",   "hjælper"};

constexpr std::array<std::string_view, 29> kOrganisationSuffixes = {
    "aps",       "a/s",       "i/s",          "k/s",        "amba",      "logistik",  "transport",
    "distribution", "hotel",  "restaurant",   "kro",        "café",      "catering",  "rengøring",
    "service",   "byg",       "entreprise",   "plejecenter", "hjemmepleje", "bosted", "børnehave",
    "vuggestue", "børnehus",  "supermarked",  "byggemarked", "industri", "foods",     "metal",
    "revision"};

// First names: the common Danish ones and those of the larger immigrant languages in Danish job centres.
constexpr std::string_view kFirstNames =
    "mette|anne|camilla|louise|signe|maria|line|trine|helle|susanne|pia|lene|hanne|kirsten|birgitte|julie|emma|ida|"
    "sofie|freja|cecilie|katrine|nanna|malene|charlotte|rikke|tina|dorthe|gitte|vibeke|karina|josefine|mathilde|"
    "laura|sara|stine|marianne|jeanette|bente|lone|maja|clara|astrid|ditte|heidi|lise|merete|sanne|tanja|ulla|"
    "inge|grethe|jytte|karen|lis|birthe|hanna|alma|ella|agnes|anna|ellen|lærke|rebekka|amalie|caroline|"
    "lars|jens|peter|michael|søren|henrik|thomas|martin|jesper|anders|morten|rasmus|mads|kasper|jonas|frederik|"
    "mikkel|christian|niels|ole|bo|kim|brian|dennis|rené|torben|jacob|jakob|simon|emil|oliver|lucas|mathias|"
    "tobias|kenneth|allan|steen|poul|flemming|carsten|bjarne|magnus|nikolaj|sebastian|jannik|claus|kurt|per|jan|"
    "johnny|palle|hans|erik|knud|jørgen|john|bent|finn|karl|william|noah|victor|alfred|valdemar|august|"
    "fatima|aisha|nour|layla|rania|amira|hiba|yasmin|reem|dalia|salma|zainab|huda|mariam|ahmad|mohammad|omar|"
    "khaled|yousef|ali|hassan|samir|walid|tarek|bilal|karim|mustafa|rami|ibrahim|hodan|fadumo|ayan|asha|ifrah|"
    "sahra|hibo|nimco|deeqa|sagal|abdi|mohamed|hamza|warsame|abdirahman|liban|yusuf|mahad|said|guled|semhar|"
    "helen|mebrat|senait|saba|luwam|yordanos|selam|rahel|winta|yonas|tesfay|filmon|dawit|samuel|tekle|mehari|"
    "kibrom|habtom|robel|olena|oksana|iryna|yulia|natalia|viktoria|tetiana|svitlana|kateryna|anastasia|halyna|"
    "andriy|serhiy|dmytro|bohdan|oleksandr|vasyl|mykola|ihor|taras|yurii|katarzyna|agnieszka|magdalena|joanna|"
    "ewa|monika|beata|justyna|piotr|tomasz|marek|krzysztof|paweł|michał|łukasz|grzegorz|jakub|ayşe|elif|zeynep|"
    "emine|fatma|hatice|mehmet|emre|murat|hakan|kemal|serkan|burak|erdal|maryam|zahra|parisa|shirin|fatemeh|"
    "leila|nasrin|sima|roya|reza|hamid|farhad|mehdi|amir|hossein|javad|omid|ioana|elena|alina|andreea|mihaela|"
    "cristina|gabriela|andrei|mihai|cristian|ionuț|florin|adrian|bogdan|sarah|emily|rebecca|hannah|grace|chloe|"
    "jessica|james|daniel|ryan|matthew|liam|connor|david|katrin|sabine|anja|julia|stefanie|birgit|stefan|"
    "jürgen|markus|uwe|florian|rūta|jurgita|agnė|inga|simona|tomas|mindaugas|darius|andrius|giedrius|mantas";

// Towns (job-centre towns and their commuting areas), the 98 municipalities' main towns, regions, islands
// and the countries citizens in the pilot come from.
constexpr std::string_view kPlaces =
    "vejle|horsens|kolding|fredericia|jelling|give|børkop|bredballe|skanderborg|hedensted|juelsminde|brædstrup|"
    "odder|haderslev|vamdrup|lunderskov|christiansfeld|odense|middelfart|nyborg|svendborg|assens|bogense|otterup|"
    "kerteminde|faaborg|fåborg|ringe|gudme|stenstrup|næstved|ringsted|vordingborg|slagelse|haslev|fensmark|glumsø|"
    "roskilde|køge|holbæk|taastrup|tåstrup|hvalsø|jyllinge|lejre|kalundborg|tølløse|jyderup|svinninge|korsør|sorø|"
    "skælskør|herning|ikast|holstebro|silkeborg|brande|aulum|sunds|viborg|skive|bjerringbro|randers|kjellerup|"
    "karup|aarhus|århus|hobro|grenaa|grenå|hadsten|langå|aalborg|ålborg|nørresundby|hjørring|svenstrup|nibe|"
    "støvring|frederikshavn|esbjerg|varde|ribe|grindsted|bramming|tarm|fanø|sønderborg|aabenraa|åbenrå|nordborg|"
    "augustenborg|gråsten|tønder|hillerød|helsingør|frederikssund|fredensborg|allerød|lyngby|hundested|"
    "københavn|frederiksberg|gentofte|gladsaxe|herlev|rødovre|hvidovre|brøndby|glostrup|albertslund|ishøj|"
    "vallensbæk|greve|solrød|stevns|faxe|guldborgsund|nykøbing|lolland|nakskov|maribo|halsnæs|gribskov|"
    "egedal|furesø|rudersdal|hørsholm|ballerup|dragør|tårnby|kastrup|odsherred|nyborg|thisted|morsø|nykøbing mors|"
    "lemvig|struer|ringkøbing|billund|vesthimmerland|aars|års|rebild|mariagerfjord|jammerbugt|brønderslev|"
    "læsø|samsø|ærø|langeland|rudkøbing|bornholm|rønne|syddjurs|norddjurs|favrskov|ebeltoft|ikast-brande|"
    "fanø|vejen|rødding|aabybro|åbybro|aakirkeby|åkirkeby|aalestrup|ålestrup|aarup|årup|sjælland|fyn|jylland|"
    "nordjylland|midtjylland|syddanmark|hovedstaden|amager|danmark|syrien|irak|libanon|palæstina|somalia|"
    "eritrea|ukraine|polen|tyrkiet|iran|afghanistan|rumænien|england|irland|usa|tyskland|litauen|letland|"
    "sverige|norge|bulgarien|pakistan|marokko|bosnien|kosovo|thailand|filippinerne|indien|kina|vietnam";

// Everyday words that are also listed names; at a sentence start their capital proves nothing.
constexpr std::string_view kAmbiguous =
    "give|ringe|brande|sunds|tarm|nibe|per|bo|jan|kim|said|line|lis|karen|inge|ida|ali|sima|grace|fyn|"
    "aars|års|ase|ribe|helle|ole";

bool in_bar_list(std::string_view list, std::string_view word) {
  if (word.empty()) return false;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t bar = list.find('|', start);
    const std::size_t end = bar == std::string_view::npos ? list.size() : bar;
    if (list.substr(start, end - start) == word) return true;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return false;
}

}  // namespace

std::span<const GazetteerPhrase> gazetteer_phrases() { return kPhrases; }

const GazetteerPhrase* find_gazetteer_phrase(std::string_view key) {
  for (const auto& phrase : kPhrases) {
    if (in_bar_list(phrase.keys, key)) return &phrase;
  }
  return nullptr;
}

int longest_gazetteer_phrase_words() { return 5; }  // "styrelsen for arbejdsmarked og rekruttering"

bool is_job_centre_channel(std::string_view folded_canonical) {
  static constexpr std::array<std::string_view, 6> kChannels = {"jobcenter", "jobnet", "min plan", "e-boks", "mitid", "borger.dk"};
  return std::find(kChannels.begin(), kChannels.end(), folded_canonical) != kChannels.end();
}

bool is_danish_first_name(std::string_view folded) { return in_bar_list(kFirstNames, folded); }
bool is_danish_place(std::string_view folded) { return in_bar_list(kPlaces, folded); }
bool is_ambiguous_gazetteer_word(std::string_view folded) { return in_bar_list(kAmbiguous, folded); }

bool is_organisation_suffix(std::string_view folded) {
  return std::find(kOrganisationSuffixes.begin(), kOrganisationSuffixes.end(), folded) != kOrganisationSuffixes.end();
}

bool has_job_title_ending(std::string_view folded) {
  if (std::find(kNotJobTitles.begin(), kNotJobTitles.end(), folded) != kNotJobTitles.end()) return false;
  for (const auto ending : kJobEndings) {
    if (folded.size() > ending.size() + 2 && folded.ends_with(ending)) return true;
  }
  return false;
}

}  // namespace pb
