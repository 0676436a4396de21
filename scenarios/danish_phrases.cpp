#include "scenarios/danish_phrases.h"

#include <array>
#include <cassert>
#include <cstdio>

namespace pb::synth {

// ---- picking ---------------------------------------------------------------------------------------------

std::vector<std::string_view> split_alternatives(std::string_view alternatives) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= alternatives.size()) {
    const std::size_t bar = alternatives.find('|', start);
    const std::size_t end = bar == std::string_view::npos ? alternatives.size() : bar;
    if (end > start) out.push_back(alternatives.substr(start, end - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

std::string pick_alt(Rng& rng, std::string_view alternatives) {
  const auto items = split_alternatives(alternatives);
  assert(!items.empty());
  return std::string(items[rng.index(items.size())]);
}

std::pair<std::string, std::string> pick_two(Rng& rng, std::string_view alternatives) {
  const auto items = split_alternatives(alternatives);
  assert(!items.empty());
  const std::size_t a = rng.index(items.size());
  if (items.size() == 1) return {std::string(items[a]), std::string(items[a])};
  std::size_t b = rng.index(items.size() - 1);
  if (b >= a) ++b;
  return {std::string(items[a]), std::string(items[b])};
}

// ---- numbers ---------------------------------------------------------------------------------------------

namespace {
constexpr std::array<std::string_view, 20> kUnits = {
    "nul",  "en",   "to",     "tre",    "fire",   "fem",     "seks",   "syv",    "otte",  "ni",
    "ti",   "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten"};
constexpr std::array<std::string_view, 10> kTens = {"",          "ti",  "tyve", "tredive",   "fyrre",
                                                    "halvtreds", "tres", "halvfjerds", "firs", "halvfems"};
constexpr std::array<std::string_view, 32> kOrdinals = {
    "",            "første",        "anden",          "tredje",        "fjerde",       "femte",
    "sjette",      "syvende",       "ottende",        "niende",        "tiende",       "ellevte",
    "tolvte",      "trettende",     "fjortende",      "femtende",      "sekstende",    "syttende",
    "attende",     "nittende",      "tyvende",        "enogtyvende",   "toogtyvende",  "treogtyvende",
    "fireogtyvende", "femogtyvende", "seksogtyvende", "syvogtyvende",  "otteogtyvende", "niogtyvende",
    "tredivte",    "enogtredivte"};
constexpr std::array<std::string_view, 13> kMonths = {"",      "januar",   "februar", "marts",    "april",
                                                      "maj",   "juni",     "juli",    "august",   "september",
                                                      "oktober", "november", "december"};
constexpr std::array<int, 13> kMonthDays = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::array<std::string_view, 7> kWeekdays = {"mandag", "tirsdag", "onsdag", "torsdag",
                                                       "fredag", "lørdag",  "søndag"};
// Hours as said on a 12-hour clock face: 13:00 is "et", 14:30 is "halv tre".
constexpr std::array<std::string_view, 13> kClockHours = {"tolv", "et",   "to", "tre",    "fire", "fem", "seks",
                                                          "syv",  "otte", "ni", "ti", "elleve", "tolv"};

std::string below_hundred(int n, bool neuter) {
  if (n == 1 && neuter) return "et";
  if (n < 20) return std::string(kUnits[static_cast<std::size_t>(n)]);
  const int tens = n / 10;
  const int unit = n % 10;
  if (unit == 0) return std::string(kTens[static_cast<std::size_t>(tens)]);
  return std::string(kUnits[static_cast<std::size_t>(unit)]) + "og" + std::string(kTens[static_cast<std::size_t>(tens)]);
}

std::string below_thousand(int n, bool neuter) {
  if (n < 100) return below_hundred(n, neuter);
  const int hundreds = n / 100;
  const int rest = n % 100;
  std::string out = hundreds == 1 ? "et hundrede" : below_hundred(hundreds, false) + " hundrede";
  if (rest > 0) out += " og " + below_hundred(rest, neuter);
  return out;
}
}  // namespace

std::string cardinal(int n, bool neuter) {
  assert(n >= 0 && n < 1000000);
  if (n < 1000) return below_thousand(n, neuter);
  const int thousands = n / 1000;
  const int rest = n % 1000;
  std::string out = thousands == 1 ? "et tusind" : below_thousand(thousands, true) + " tusind";
  if (rest == 0) return out;
  if (rest < 100) return out + " og " + below_hundred(rest, neuter);
  return out + " " + below_thousand(rest, neuter);
}

std::string ordinal(int n) {
  assert(n >= 1 && n <= 31);
  return std::string(kOrdinals[static_cast<std::size_t>(n)]);
}

std::string grouped_digits(int n) {
  std::string digits = std::to_string(n);
  std::string out;
  const int len = static_cast<int>(digits.size());
  for (int i = 0; i < len; ++i) {
    if (i > 0 && (len - i) % 3 == 0) out += '.';
    out += digits[static_cast<std::size_t>(i)];
  }
  return out;
}

std::string spoken_count(Rng& rng, int n, bool neuter) {
  const double p_words = n <= 12 ? 0.8 : 0.35;
  return rng.bernoulli(p_words) ? cardinal(n, neuter) : std::to_string(n);
}

std::string spoken_amount(Rng& rng, int kroner) {
  switch (rng.index(5)) {
    case 0:
    case 1:
      return grouped_digits(kroner) + " kroner";
    case 2:
      return grouped_digits(kroner) + " kr.";
    default:
      return cardinal(kroner) + " kroner";
  }
}

std::string capitalize_first(std::string text) {
  if (text.empty()) return text;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c >= 'a' && c <= 'z') {
    text[0] = static_cast<char>(c - 'a' + 'A');
  } else if (c == 0xC3 && text.size() > 1) {
    // æ ø å (U+00E6, U+00F8, U+00E5) sit 0x20 above Æ Ø Å in the same UTF-8 lead byte.
    const auto d = static_cast<unsigned char>(text[1]);
    if (d == 0xA6 || d == 0xB8 || d == 0xA5) text[1] = static_cast<char>(d - 0x20);
  }
  return text;
}

// ---- calendar --------------------------------------------------------------------------------------------

int days_in_month(int month) { return kMonthDays[static_cast<std::size_t>(month)]; }

Date date_from_doy(int doy) {
  assert(doy >= 1 && doy <= 365);
  Date d;
  int month = 1;
  while (doy > kMonthDays[static_cast<std::size_t>(month)]) {
    doy -= kMonthDays[static_cast<std::size_t>(month)];
    ++month;
  }
  d.month = month;
  d.day = doy;
  return d;
}

int doy_of(Date date) {
  int doy = date.day;
  for (int m = 1; m < date.month; ++m) doy += kMonthDays[static_cast<std::size_t>(m)];
  return doy;
}

// 1 January 2026 is a Thursday.
int weekday_of(Date date) { return (doy_of(date) - 1 + 3) % 7; }

std::string_view month_name(int month) { return kMonths[static_cast<std::size_t>(month)]; }
std::string_view weekday_name(int weekday) { return kWeekdays[static_cast<std::size_t>(weekday)]; }

std::string date_value(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d-%02d", date.month, date.day);
  return buf;
}

int next_weekday_doy(int doy) {
  while (weekday_of(date_from_doy(doy)) >= 5) ++doy;
  return doy;
}

std::string spoken_date(Rng& rng, Date date, bool allow_weekday) {
  const std::string month(month_name(date.month));
  const std::string num = std::to_string(date.day) + ". " + month;
  const std::string word = ordinal(date.day) + " " + month;
  const std::string weekday(weekday_name(weekday_of(date)));
  switch (rng.index(allow_weekday ? 7 : 5)) {
    case 0:
    case 1:
      return "den " + word;
    case 2:
      return "den " + num;
    case 3:
      return num;
    case 4:
      return "den " + num;
    case 5:
      return weekday + " den " + num;
    default:
      return weekday + " den " + word;
  }
}

std::string time_value(int hour, int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return buf;
}

std::string spoken_time(Rng& rng, int hour, int minute) {
  assert(minute == 0 || minute == 15 || minute == 30 || minute == 45);
  const std::string this_hour(kClockHours[static_cast<std::size_t>(hour % 12)]);
  const std::string next_hour(kClockHours[static_cast<std::size_t>((hour + 1) % 12)]);
  const std::string digits = "kl. " + std::to_string(hour) + (minute == 0 ? "" : "." + time_value(hour, minute).substr(3));
  const bool use_digits = rng.bernoulli(0.35);
  if (use_digits) return digits;
  switch (minute) {
    case 0:
      if (hour > 12 && rng.bernoulli(0.4)) return "klokken " + below_hundred(hour, false);
      return "klokken " + this_hour;
    case 15:
      return (rng.bernoulli(0.5) ? "klokken kvart over " : "kvart over ") + this_hour;
    case 30:
      return (rng.bernoulli(0.5) ? "klokken halv " : "halv ") + next_hour;
    default:
      return (rng.bernoulli(0.5) ? "klokken kvart i " : "kvart i ") + next_hour;
  }
}

// ---- people and places -----------------------------------------------------------------------------------

namespace {
constexpr std::array<LanguageNames, 12> kLanguages = {{
    {"da", "dansk",
     "Mette|Anne|Camilla|Louise|Signe|Maria|Line|Trine|Helle|Susanne|Pia|Lene|Hanne|Kirsten|Birgitte|Julie|Emma|Ida|"
     "Sofie|Freja|Cecilie|Katrine|Nanna|Malene|Charlotte|Rikke|Tina|Dorthe|Gitte|Vibeke|Karina|Josefine|Mathilde|"
     "Laura|Sara|Stine|Marianne|Jeanette|Bente|Lone|Maja|Clara|Astrid|Ditte|Heidi|Lise|Merete|Sanne|Tanja|Ulla",
     "Lars|Jens|Peter|Michael|Søren|Henrik|Thomas|Martin|Jesper|Anders|Morten|Rasmus|Mads|Kasper|Jonas|Frederik|"
     "Mikkel|Christian|Niels|Ole|Bo|Kim|Brian|Dennis|René|Torben|Jacob|Simon|Emil|Oliver|Lucas|Mathias|Tobias|"
     "Kenneth|Allan|Steen|Poul|Flemming|Carsten|Bjarne|Magnus|Nikolaj|Sebastian|Jannik|Claus|Kurt|Per|Jan|Johnny|Palle",
     "Jensen|Nielsen|Hansen|Pedersen|Andersen|Christensen|Larsen|Sørensen|Rasmussen|Jørgensen|Petersen|Madsen|"
     "Kristensen|Olsen|Thomsen|Christiansen|Poulsen|Johansen|Møller|Mortensen|Knudsen|Jakobsen|Lauridsen|Holm|Bech|"
     "Dahl|Vestergaard|Kjær|Lund|Frandsen|Mikkelsen|Søndergaard|Østergaard|Bak|Overgaard|Nørgaard|Skov|Brandt|"
     "Winther|Krogh|Friis|Bundgaard|Damgaard|Iversen|Svendsen|Hvid|Kirkegaard|Lykke|Mølgaard|Ravn",
     "Danmark"},
    {"ar", "arabisk", "Fatima|Aisha|Nour|Layla|Rania|Amira|Hiba|Yasmin|Reem|Dalia|Salma|Zainab|Huda|Mariam",
     "Ahmad|Mohammad|Omar|Khaled|Yousef|Ali|Hassan|Samir|Walid|Tarek|Bilal|Karim|Mustafa|Rami|Ibrahim",
     "Hassan|Al-Khatib|Haddad|Ibrahim|Mahmoud|Saleh|Nasser|Khalil|Othman|Abdullah|Darwish|Hamdan|Suleiman",
     "Syrien|Irak|Libanon|Palæstina"},
    {"so", "somali", "Hodan|Fadumo|Ayan|Asha|Ifrah|Sahra|Hibo|Nimco|Deeqa|Sagal",
     "Abdi|Mohamed|Hamza|Warsame|Abdirahman|Liban|Yusuf|Mahad|Said|Guled",
     "Abdi|Farah|Warsame|Hussein|Osman|Yusuf|Ahmed|Jama|Ismail|Nur", "Somalia"},
    {"ti", "tigrinya", "Semhar|Helen|Mebrat|Senait|Saba|Luwam|Yordanos|Selam|Rahel|Winta",
     "Yonas|Tesfay|Filmon|Dawit|Samuel|Tekle|Mehari|Kibrom|Habtom|Robel",
     "Tesfamariam|Gebremedhin|Haile|Berhane|Kidane|Tekle|Ghebre|Woldu|Asfaha|Mehari", "Eritrea"},
    {"uk", "ukrainsk", "Olena|Oksana|Iryna|Yulia|Natalia|Viktoria|Tetiana|Svitlana|Kateryna|Anastasia|Halyna",
     "Andriy|Serhiy|Dmytro|Bohdan|Oleksandr|Vasyl|Mykola|Ihor|Taras|Yurii",
     "Kovalenko|Shevchenko|Bondarenko|Melnyk|Tkachenko|Kravchenko|Boyko|Lysenko|Moroz|Savchenko", "Ukraine"},
    {"pl", "polsk", "Katarzyna|Agnieszka|Magdalena|Joanna|Anna|Ewa|Monika|Beata|Justyna",
     "Piotr|Tomasz|Marek|Krzysztof|Paweł|Michał|Łukasz|Grzegorz|Jakub",
     "Nowak|Wójcik|Kaczmarek|Mazur|Krawczyk|Zając|Wieczorek|Dudek|Pawlak", "Polen"},
    {"tr", "tyrkisk", "Ayşe|Zeynep|Elif|Özlem|Emine|Hatice|Derya|Sevgi|Gül",
     "Mehmet|Emre|Murat|Hakan|Mustafa|Kemal|Serkan|Burak|Erdal",
     "Yılmaz|Demir|Kaya|Çelik|Şahin|Öztürk|Aydın|Arslan|Doğan", "Tyrkiet"},
    {"fa", "farsi", "Maryam|Zahra|Parisa|Shirin|Fatemeh|Leila|Nasrin|Sima|Roya",
     "Reza|Hamid|Farhad|Mehdi|Amir|Hossein|Javad|Ali|Omid",
     "Ahmadi|Hosseini|Rezaei|Karimi|Mohammadi|Rahimi|Jafari|Azizi|Sadeghi", "Iran|Afghanistan"},
    {"ro", "rumænsk", "Ioana|Elena|Alina|Andreea|Mihaela|Cristina|Gabriela",
     "Andrei|Mihai|Cristian|Ionuț|Florin|Adrian|Bogdan",
     "Popescu|Ionescu|Stan|Dumitru|Munteanu|Stoica|Constantin", "Rumænien"},
    {"en", "engelsk", "Sarah|Emily|Rebecca|Hannah|Grace|Chloe|Jessica",
     "James|Daniel|Ryan|Matthew|Liam|Connor|David",
     "Smith|Brown|Wilson|Taylor|Murphy|Walsh|Campbell", "England|Irland|USA"},
    {"de", "tysk", "Katrin|Sabine|Anja|Julia|Stefanie|Birgit",
     "Stefan|Jürgen|Markus|Tobias|Uwe|Florian",
     "Müller|Schmidt|Schneider|Fischer|Weber|Becker|Hoffmann", "Tyskland"},
    {"lt", "litauisk", "Rūta|Jurgita|Agnė|Inga|Laura|Simona",
     "Tomas|Mindaugas|Darius|Andrius|Giedrius|Mantas",
     "Kazlauskas|Petrauskas|Jankauskas|Stankevičius|Vasiliauskas", "Litauen"},
}};

constexpr std::array<Region, 16> kRegions = {{
    {"Vejle", "Horsens|Kolding|Fredericia|Jelling|Give|Børkop|Bredballe"},
    {"Horsens", "Vejle|Skanderborg|Hedensted|Juelsminde|Brædstrup|Odder"},
    {"Kolding", "Vejle|Fredericia|Haderslev|Vamdrup|Lunderskov|Christiansfeld"},
    {"Odense", "Middelfart|Nyborg|Svendborg|Assens|Bogense|Otterup|Kerteminde"},
    {"Svendborg", "Odense|Faaborg|Nyborg|Ringe|Gudme|Stenstrup"},
    {"Næstved", "Ringsted|Vordingborg|Slagelse|Haslev|Fensmark|Glumsø"},
    {"Roskilde", "Køge|Holbæk|Taastrup|Ringsted|Hvalsø|Jyllinge|Lejre"},
    {"Holbæk", "Roskilde|Kalundborg|Slagelse|Tølløse|Jyderup|Svinninge"},
    {"Slagelse", "Korsør|Sorø|Næstved|Skælskør|Ringsted|Kalundborg"},
    {"Herning", "Ikast|Holstebro|Silkeborg|Brande|Aulum|Sunds"},
    {"Viborg", "Skive|Bjerringbro|Silkeborg|Randers|Kjellerup|Karup"},
    {"Randers", "Aarhus|Viborg|Hobro|Grenaa|Hadsten|Langå"},
    {"Aalborg", "Nørresundby|Hobro|Hjørring|Svenstrup|Nibe|Støvring|Frederikshavn"},
    {"Esbjerg", "Varde|Ribe|Grindsted|Bramming|Tarm|Fanø"},
    {"Sønderborg", "Aabenraa|Nordborg|Augustenborg|Gråsten|Tønder|Haderslev"},
    {"Hillerød", "Helsingør|Frederikssund|Fredensborg|Allerød|Lyngby|Hundested"},
}};

constexpr std::string_view kFirmStems =
    "Bæk|Kildegaard|Nordlys|Fjordens|Lyngbo|Engholm|Bøgely|Skovbo|Havbryn|Strandgaard|Møllegaard|Solvang|Granly|"
    "Vestkyst|Ådalens|Hedegaard|Højvang|Birkely|Stenager|Egholm|Rosendal|Klitgaard|Toftegaard|Bakkehus|Kornmark|"
    "Lindegaard|Sønderå|Vindeby|Havnens|Gudenå|Lillebælt|Trekant|Østjysk|Midtfyns|Sydkyst|Kronborg|Limfjord|Ravnsborg|"
    "Kastanje|Bredgaard|Skovly|Tranekær|Fuglsang|Mosegaard|Hvidbjerg|Søbakken|Nørreå|Egeskov|Vesterhavs|Ørnereden";

constexpr std::array<Sector, 11> kSectors = {{
    {"lager", "lagerarbejder|lagerassistent|truckfører|pakkeriarbejder|lagermedarbejder",
     "Logistik|Transport|Distribution|Lager & Logistik",
     "truckcertifikat A og B|erfaring med scanner og lagerstyringssystem|kørekort til lastbil|"
     "erfaring med plukning efter stemme",
     "kursus til truckcertifikat|kursus i lagerstyring|AMU-kursus i godshåndtering|kursus i lean på lageret",
     "3F's a-kasse|Det Faglige Hus|Krifa|Kristelig A-kasse",
     "plukket ordrer og kørt truck|stået for varemodtagelse og scanning|pakket ordrer til webshoppen"},
    {"rengøring", "rengøringsassistent|servicemedarbejder|kantinemedarbejder|rengøringsleder",
     "Service|Rengøring|Facility Service|Ejendomsservice",
     "erfaring med maskinrengøring|kendskab til hygiejneregler|kørekort og egen bil",
     "kursus i professionel rengøring|AMU-kursus i hygiejne|kursus i maskinel gulvrengøring",
     "3F's a-kasse|Det Faglige Hus|FOA's a-kasse",
     "gjort rent på kontorer om aftenen|stået for rengøring på en skole|arbejdet i kantinen og gjort rent"},
    {"detail", "butiksassistent|kassemedarbejder|salgsassistent|souschef i butik|lagermedarbejder i butik",
     "Supermarked|Byggemarked|Bolig & Interiør|Sko|Sport",
     "erfaring med kasseopgørelse|erfaring med vareopfyldning og bestilling|styr på kundeservice",
     "kursus i kundeservice|kursus i salg og service|AMU-kursus i butiksdrift",
     "HK's a-kasse|Krifa|Ase|Det Faglige Hus",
     "stået ved kassen og fyldt varer op|haft ansvar for frugt og grønt|bestilt varer og lavet vagtplaner"},
    {"pleje",
     "social- og sundhedshjælper|social- og sundhedsassistent|hjemmehjælper|plejehjemsmedarbejder|sygehjælper",
     "Plejecenter|Pleje & Omsorg|Hjemmepleje|Bosted",
     "erfaring med demente borgere|uddannet social- og sundhedshjælper|kørekort og erfaring fra hjemmeplejen",
     "kursus i forflytning|førstehjælpskursus|kursus i demens|AMU-kursus i medicinhåndtering",
     "FOA's a-kasse|Krifa|Det Faglige Hus",
     "arbejdet i hjemmeplejen med morgenbesøg|haft aftenvagter på et plejecenter|hjulpet ældre med personlig pleje"},
    {"byggeri", "tømrer|murer|elektriker|VVS-montør|maler|bygningsarbejder|anlægsgartner|stilladsmontør",
     "Byg|Entreprise|El-service|VVS|Malerfirma|Anlæg",
     "svendebrev|erfaring med renovering|kørekort til trailer|erfaring med tagarbejde",
     "kursus i stilladsmontage|sikkerhedskursus|kursus i asbesthåndtering|kursus i bygningsisolering",
     "3F's a-kasse|Blik og Rør's a-kasse|Det Faglige Hus|Krifa",
     "lavet renoveringsopgaver i parcelhuse|arbejdet på store byggepladser|lavet tag og vinduer"},
    {"produktion", "produktionsmedarbejder|maskinoperatør|CNC-operatør|slagteriarbejder|svejser|procesoperatør",
     "Plast|Metal|Industri|Foods|Emballage|Stål",
     "erfaring med CNC-maskiner|svejsecertifikat|erfaring med kvalitetskontrol|erfaring med skiftehold",
     "svejsekursus|kursus i CNC-programmering|AMU-kursus i robotbetjening|kursus i industriel kvalitetskontrol",
     "3F's a-kasse|Metal A-kasse|Det Faglige Hus|Krifa",
     "stået ved en pakkelinje|passet maskiner i treholdsskift|lavet kvalitetskontrol på emner"},
    {"kontor", "kontorassistent|bogholder|receptionist|administrativ medarbejder|lønbogholder|kundeservicemedarbejder",
     "Revision|Administration|Forsikring|Rådgivning|Ejendomme",
     "erfaring med e-conomic|erfaring med Excel og Outlook|kontoruddannelse|erfaring med løn og personale",
     "Excel-kursus|kursus i bogføring|kursus i e-conomic|kursus i kundeservice i telefonen",
     "HK's a-kasse|Ase|Krifa|Min A-kasse",
     "bogført bilag og lavet momsafregning|siddet i receptionen og taget telefonen|lavet løn for omkring fyrre ansatte"},
    {"restauration", "kok|tjener|køkkenmedarbejder|opvasker|smørrebrødsjomfru|cafémedarbejder",
     "Kro|Hotel|Restaurant|Catering|Café",
     "hygiejnebevis|kokkeuddannelse|erfaring med selskaber og buffet|erfaring fra storkøkken",
     "hygiejnekursus|kursus i fødevarehygiejne|AMU-kursus i storkøkken|kursus i vin og servering",
     "3F's a-kasse|Det Faglige Hus|Krifa|Kristelig A-kasse",
     "stået i køkkenet til selskaber|serveret i restauranten om aftenen|lavet frokostordninger til firmaer"},
    {"transport", "buschauffør|budchauffør|lastbilchauffør|taxachauffør|flexchauffør",
     "Bus|Trafik|Kurér|Fragt|Vognmandsforretning",
     "kørekort til lastbil|erhvervskørekort|chaufføruddannelsesbevis|kørekort til bus",
     "kursus til erhvervskørekort|efteruddannelseskursus for chauffører|kursus i ADR-transport|kursus i sikker kørsel",
     "3F's a-kasse|Det Faglige Hus|Krifa",
     "kørt pakker ud på Sjælland|kørt rute i bybusserne|kørt fragt mellem Danmark og Tyskland"},
    {"pædagogik", "pædagogmedhjælper|pædagogisk assistent|dagplejer|omsorgsmedhjælper|skolepædagog",
     "Børnehus|Børnehave|Fritidscenter|Vuggestue",
     "pædagogisk assistentuddannelse|erfaring med børn med særlige behov|kursus i sprogstimulering",
     "kursus i pædagogisk arbejde|kursus i sprogstimulering|førstehjælpskursus for børn|kursus i inklusion",
     "FOA's a-kasse|BUPL's a-kasse|Krifa|Det Faglige Hus",
     "været i vuggestuen med de mindste|haft en gruppe i børnehaven|arbejdet i SFO om eftermiddagen"},
    {"it", "IT-supporter|webudvikler|IT-tekniker|systemadministrator|testkonsulent",
     "IT|Data|Digital|Software|Systems",
     "datateknikeruddannelse|erfaring med Microsoft 365|erfaring med netværk|erfaring med JavaScript",
     "kursus i cybersikkerhed|kursus i cloud|kursus til Azure-certificering|kursus i IT-support",
     "PROSA's a-kasse|Ase|Min A-kasse|HK's a-kasse",
     "siddet i supporten og hjulpet brugere|sat netværk op hos kunder|udviklet hjemmesider til små firmaer"},
}};

constexpr std::array<HealthCondition, 14> kHealth = {{
    {"diskusprolaps", false, "jeg har fået konstateret en diskusprolaps i lænden", "diskusprolaps i lænden",
     "går til fysioterapeut to gange om ugen", "Går til fysioterapi.", "løfte eller sidde stille i længere tid"},
    {"stress", true, "jeg gik ned med stress, jeg kunne simpelthen ikke mere", "stress",
     "går til psykolog, og jeg har fået nogle øvelser", "Går til psykolog.",
     "holde koncentrationen ret længe ad gangen"},
    {"depression", true, "lægen siger, at det er en depression, en moderat depression", "moderat depression",
     "får medicin, og så går jeg til samtaler hos en psykolog", "Er i medicinsk behandling og går til psykolog.",
     "overskue ret meget ad gangen"},
    {"knæ", false, "jeg er blevet opereret i knæet, det var menisken", "knæoperation (menisk)",
     "laver genoptræning på kommunens træningscenter", "Er i genoptræning.", "stå op hele dagen lige nu"},
    {"skulder", false, "jeg har fået en skulderskade, det er noget med en sene, der er gået i stykker",
     "skulderskade (senelæsion)", "venter på at blive opereret", "Venter på operation.",
     "løfte armen over hovedet"},
    {"angst", true, "jeg har angst, og det er blevet værre det sidste halve år", "angst",
     "har fået et forløb hos en psykolog gennem lægen", "Har psykologforløb via egen læge.",
     "være sammen med mange mennesker"},
    {"brud", false, "jeg brækkede håndleddet, da jeg faldt på cyklen", "brud på håndleddet",
     "har haft gips og skal til kontrol på sygehuset", "Til kontrol på sygehuset.", "bruge hånden ordentligt endnu"},
    {"smerter", false, "jeg har kroniske smerter i ryggen og nakken, det har jeg haft i mange år",
     "kroniske ryg- og nakkesmerter", "er henvist til smerteklinikken", "Er henvist til smerteklinik.",
     "arbejde mere end et par timer ad gangen"},
    {"kræft", false, "jeg har været i behandling for brystkræft, og nu er jeg færdig med strålebehandlingen",
     "afsluttet kræftbehandling", "går til kontrol og genoptræning", "Går til kontrol og genoptræning.",
     "holde til ret meget endnu"},
    {"hjerte", false, "jeg fik en blodprop i hjertet i foråret", "blodprop i hjertet",
     "er med i et hjerterehabiliteringsforløb", "Deltager i hjerterehabilitering.", "tage tunge løft"},
    {"ptsd", true, "jeg har PTSD fra dengang, og jeg sover meget dårligt", "PTSD og søvnproblemer",
     "går til traumebehandling", "Er i traumebehandling.", "holde koncentrationen efter en dårlig nat"},
    {"adhd", true, "jeg har fået en ADHD-diagnose, og jeg har svært ved at holde fokus", "ADHD",
     "får medicin nu, og det hjælper lidt", "Er i medicinsk behandling.", "holde styr på mange ting på én gang"},
    {"sklerose", false, "jeg har sclerose, og jeg får indimellem nogle attakker", "sclerose med attakker",
     "er tilknyttet sclerosekonsultationen på sygehuset", "Er tilknyttet sclerosekonsultation.",
     "arbejde fuld tid"},
    {"piskesmæld", false, "jeg fik et piskesmæld i et trafikuheld, og jeg har meget hovedpine siden",
     "piskesmæld efter trafikuheld", "går til kiropraktor og fysioterapeut", "Går til kiropraktor og fysioterapi.",
     "sidde ved en skærm ret længe"},
}};

constexpr std::array<EducationGoal, 12> kEducation = {{
    {"social- og sundhedsassistent", "SOSU-assistent", "SOSU-skolen",
     "du skal have bestået dansk og matematik fra niende klasse"},
    {"tømrer", "tømrer", "erhvervsskolen", "du skal starte på grundforløbet og finde en læreplads"},
    {"elektriker", "elektriker", "teknisk skole", "du skal have matematik på et bestemt niveau"},
    {"frisør", "frisør", "erhvervsskolen", "det er et grundforløb og så en elevplads i en salon"},
    {"pædagogisk assistent", "pædagogisk assistent", "SOSU-skolen",
     "du skal have bestået dansk og engelsk fra folkeskolen"},
    {"HF", "HF", "VUC", "du kan tage det på to år, og du kan få SU"},
    {"automekaniker", "mekaniker", "teknisk skole", "der er et grundforløb, og så skal du finde en læreplads"},
    {"ernæringsassistent", "ernæringsassistent", "erhvervsskolen", "det er en erhvervsuddannelse med praktik i et køkken"},
    {"lager- og terminaluddannelsen", "lageruddannelsen", "erhvervsskolen",
     "du kan få truckcertifikat undervejs, og der er mange praktikpladser"},
    {"kontoruddannelse", "kontoruddannelsen", "handelsskolen", "du skal finde en elevplads i en virksomhed"},
    {"anlægsgartner", "anlægsgartner", "erhvervsskolen", "det er et grundforløb og så en læreplads"},
    {"datatekniker", "datatekniker", "teknisk skole", "du skal have matematik og engelsk på et vist niveau"},
}};
}  // namespace

std::span<const LanguageNames> language_names() { return kLanguages; }

const LanguageNames& names_for(std::string_view language) {
  for (const auto& l : kLanguages)
    if (l.language == language) return l;
  return kLanguages[0];
}

std::span<const Region> regions() { return kRegions; }
std::string_view firm_stems() { return kFirmStems; }
std::span<const Sector> sectors() { return kSectors; }
std::span<const HealthCondition> health_conditions() { return kHealth; }
std::span<const EducationGoal> education_goals() { return kEducation; }

}  // namespace pb::synth
