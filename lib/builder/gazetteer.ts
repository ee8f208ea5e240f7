// General knowledge the builder brings to any document: the countries of the world and the words for their people,
// and the world's large regions. A country name is a place wherever it appears, and a demonym ("Syrian",
// "Swedish") is never a name on its own, which is what turns "Syrian President Bashar Assad" into a person and
// keeps "Syrian" out of the reference. Nothing here is about one document or one subject.

/** `Name|other names|words for its people`, one country a line. Other names are only recognised, never merged. */
const COUNTRIES = `
Afghanistan||Afghan,Afghans
Albania||Albanian,Albanians
Algeria||Algerian,Algerians
Andorra||Andorran,Andorrans
Antigua and Barbuda||Antiguan
Angola||Angolan,Angolans
Argentina||Argentine,Argentinian,Argentines,Argentinians
Armenia||Armenian,Armenians
Australia||Australian,Australians
Austria||Austrian,Austrians
Azerbaijan||Azerbaijani,Azeri,Azerbaijanis,Azeris
Bahamas||Bahamian,Bahamians
Bahrain||Bahraini,Bahrainis
Bangladesh||Bangladeshi,Bangladeshis
Barbados||Barbadian,Barbadians
Belarus||Belarusian,Belarusians
Belgium||Belgian,Belgians
Belize||Belizean,Belizeans
Benin||Beninese
Bhutan||Bhutanese
Bolivia||Bolivian,Bolivians
Bosnia|Bosnia and Herzegovina|Bosnian,Bosnians
Botswana||Botswanan,Batswana
Brazil||Brazilian,Brazilians
Brunei||Bruneian,Bruneians
Bulgaria||Bulgarian,Bulgarians
Burkina Faso||Burkinabe
Burundi||Burundian,Burundians
Cambodia||Cambodian,Cambodians
Cameroon||Cameroonian,Cameroonians
Canada||Canadian,Canadians
Cape Verde||Cape Verdean
Central African Republic||Central African
Chad||Chadian,Chadians
Chile||Chilean,Chileans
China||Chinese
Colombia||Colombian,Colombians
Comoros||Comoran
Congo|Democratic Republic of Congo,DRC|Congolese
Costa Rica||Costa Rican,Costa Ricans
Croatia||Croatian,Croat,Croatians,Croats
Cuba||Cuban,Cubans
Cyprus||Cypriot,Cypriots
Czech Republic|Czechia|Czech,Czechs
Denmark||Danish,Dane,Danes
Djibouti||Djiboutian
Dominica||
Dominican Republic||Dominican,Dominicans
East Timor|Timor-Leste|Timorese
Ecuador||Ecuadorian,Ecuadorean,Ecuadorians,Ecuadoreans
Ecuador||Ecuadorian,Ecuadorians
Egypt||Egyptian,Egyptians
El Salvador||Salvadoran,Salvadorans
Equatorial Guinea||Equatoguinean
Eritrea||Eritrean,Eritreans
Estonia||Estonian,Estonians
Eswatini|Swaziland|Swazi
Ethiopia||Ethiopian,Ethiopians
Fiji||Fijian,Fijians
Finland||Finnish,Finn,Finns
France||French,Frenchman,Frenchmen
Gabon||Gabonese
Gambia||Gambian,Gambians
Georgia||Georgian,Georgians
Germany||German,Germans
Ghana||Ghanaian,Ghanaians
Greece||Greek,Greeks
Greenland||Greenlandic
Guatemala||Guatemalan,Guatemalans
Guinea||Guinean,Guineans
Guinea-Bissau||Bissau-Guinean
Guyana||Guyanese
Grenada||Grenadian
Haiti||Haitian,Haitians
Honduras||Honduran,Hondurans
Hong Kong||Hongkonger,Hongkongers
Hungary||Hungarian,Hungarians
Iceland||Icelandic,Icelander,Icelanders
India||Indian,Indians
Indonesia||Indonesian,Indonesians
Iran||Iranian,Iranians,Persian
Iraq||Iraqi,Iraqis
Ireland||Irish
Israel||Israeli,Israelis
Italy||Italian,Italians
Ivory Coast|Cote d'Ivoire|Ivorian,Ivorians
Jamaica||Jamaican,Jamaicans
Japan||Japanese
Jordan||Jordanian,Jordanians
Kazakhstan||Kazakh,Kazakhs
Kenya||Kenyan,Kenyans
Kosovo||Kosovar,Kosovars
Kiribati||I-Kiribati
Kuwait||Kuwaiti,Kuwaitis
Kyrgyzstan||Kyrgyz
Laos||Lao,Laotian
Latvia||Latvian,Latvians
Lebanon||Lebanese
Lesotho||Basotho
Nauru||Nauruan
Palau||Palauan
Liberia||Liberian,Liberians
Libya||Libyan,Libyans
Liechtenstein||Liechtensteiner
Lithuania||Lithuanian,Lithuanians
Luxembourg||Luxembourger,Luxembourgish
Macau|Macao|Macanese
Madagascar||Malagasy
Malawi||Malawian,Malawians
Malaysia||Malaysian,Malaysians
Maldives||Maldivian,Maldivians
Mali||Malian,Malians
Malta||Maltese
Mauritania||Mauritanian,Mauritanians
Mauritius||Mauritian,Mauritians
Micronesia||Micronesian
Mexico||Mexican,Mexicans
Moldova||Moldovan,Moldovans
Monaco||Monegasque
Mongolia||Mongolian,Mongolians
Montenegro||Montenegrin,Montenegrins
Morocco||Moroccan,Moroccans
Mozambique||Mozambican,Mozambicans
Myanmar|Burma|Burmese
Namibia||Namibian,Namibians
Nepal||Nepalese,Nepali
Netherlands|Holland|Dutch
New Zealand||New Zealander,New Zealanders
Nicaragua||Nicaraguan,Nicaraguans
Niger||Nigerien
Nigeria||Nigerian,Nigerians
North Korea||North Korean,North Koreans
North Macedonia|Macedonia|Macedonian,Macedonians
Norway||Norwegian,Norwegians
Oman||Omani,Omanis
Pakistan||Pakistani,Pakistanis
Palestine|Palestinian territories|Palestinian,Palestinians
Panama||Panamanian,Panamanians
Papua New Guinea||Papua New Guinean
Paraguay||Paraguayan,Paraguayans
Peru||Peruvian,Peruvians
Philippines||Filipino,Filipinos,Philippine
Puerto Rico||Puerto Rican,Puerto Ricans
Poland||Polish,Pole,Poles
Portugal||Portuguese
Qatar||Qatari,Qataris
Romania||Romanian,Romanians
Russia|Russian Federation|Russian,Russians
Rwanda||Rwandan,Rwandans
Samoa||Samoan,Samoans
San Marino||Sammarinese
Saudi Arabia||Saudi,Saudis
Senegal||Senegalese
Serbia||Serbian,Serb,Serbians,Serbs
Seychelles||Seychellois
Sierra Leone||Sierra Leonean
Solomon Islands||Solomon Islander
Singapore||Singaporean,Singaporeans
Slovakia||Slovak,Slovaks
Slovenia||Slovenian,Slovene,Slovenians
Somalia||Somali,Somalis
South Africa||South African,South Africans
South Korea||South Korean,South Koreans,Korean,Koreans
South Sudan||South Sudanese
Spain||Spanish,Spaniard,Spaniards
Sri Lanka||Sri Lankan,Sri Lankans
Sudan||Sudanese
St Lucia|Saint Lucia|St Lucian
Suriname||Surinamese
Sweden||Swedish,Swede,Swedes
Switzerland||Swiss
Syria||Syrian,Syrians
Taiwan||Taiwanese
Tajikistan||Tajik,Tajiks
Tanzania||Tanzanian,Tanzanians
Tonga||Tongan,Tongans
Thailand||Thai,Thais
Togo||Togolese
Trinidad and Tobago||Trinidadian
Tuvalu||Tuvaluan
Tunisia||Tunisian,Tunisians
Turkey|Türkiye|Turkish,Turk,Turks
Turkmenistan||Turkmen
Uganda||Ugandan,Ugandans
Ukraine||Ukrainian,Ukrainians
United Arab Emirates|UAE,Emirates|Emirati,Emiratis
United Kingdom|UK,U.K.,Britain,Great Britain|British,Briton,Britons
United States|US,U.S.,USA,U.S.A.,America|American,Americans
Uruguay||Uruguayan,Uruguayans
Uzbekistan||Uzbek,Uzbeks
Vanuatu||Ni-Vanuatu
Vatican||
Venezuela||Venezuelan,Venezuelans
Vietnam||Vietnamese
Western Sahara||Sahrawi,Sahrawis
Yemen||Yemeni,Yemenis
Zambia||Zambian,Zambians
Zimbabwe||Zimbabwean,Zimbabweans
England||English
Scotland||Scottish,Scot,Scots
Wales||Welsh
`;

/** Large regions: places, never countries. */
const REGIONS = `
Middle East|Mideast|Middle Eastern
Europe||European,Europeans
Africa||African,Africans
Asia||Asian,Asians
Latin America||Latin American
North America||North American
South America||South American
Central Asia||Central Asian
North Africa||North African
West Africa||West African
East Africa||East African
Gulf|Persian Gulf,Arabian Gulf|
Levant||Levantine
Balkans||Balkan
Caucasus||Caucasian
Scandinavia||Scandinavian
West Bank||
Gaza Strip|Gaza|Gazan,Gazans
Kurdistan||
Arabian Peninsula||
Horn of Africa||
Sahel||
`;

/**
 * Adjectives and nouns for peoples, faiths and political camps that are not a country's: never a name alone, nor
 * a run made only of them ("Sunni Muslim"); they do start names ("Republican Guard", "Islamic State").
 */
const GROUP_WORDS = `Arab Arabs Arabic Kurd Kurds Kurdish Sunni Sunnis Shia Shias Shiite Shiites Alawite Alawites Druze Christian Christians
Muslim Muslims Moslem Jew Jews Jewish Catholic Catholics Protestant Protestants Orthodox Coptic Copts Maronite Hindu Hindus Buddhist Sikh
Islamist Islamists Jihadist Jihadists Salafist Salafists Salafi Western Westerner Westerners Eastern Northern Southern Islamic Pan-Arab
Republican Republicans Democrat Democrats Democratic Conservative Conservatives Liberal Liberals Communist Communists Socialist Socialists
Baathist Baathists Zionist Sunni-led Shia-led Bedouin Turkmen Yazidi Yazidis Assyrian Assyrians Pashtun Tajik Hazara Berber Berbers
Circassian Armenian`;

export interface GazetteerPlace {
  /** The place's own name, e.g. "United States"; the builder still names an entity as its documents do. */
  name: string;
  kind: 'country' | 'region';
}

const places = new Map<string, GazetteerPlace>();
const demonyms = new Set<string>();

function load(table: string, kind: GazetteerPlace['kind']): void {
  for (const line of table.split('\n')) {
    if (!line.trim()) continue;
    const [name, others = '', words = ''] = line.split('|');
    const place = { name: name!, kind };
    for (const form of [name!, ...others.split(',')]) if (form) places.set(form.toLowerCase(), place);
    for (const w of words.split(',')) if (w) demonyms.add(w.toLowerCase());
  }
}
load(COUNTRIES, 'country');
load(REGIONS, 'region');
for (const w of GROUP_WORDS.split(/\s+/)) if (w) demonyms.add(w.toLowerCase());

/** The country or region a name is, if it is one ("Britain", "U.S.", "Middle East"). */
export function gazetteerPlace(name: string): GazetteerPlace | undefined {
  return places.get(name.toLowerCase());
}

/** "Syrian", "Swedish", "Sunni", "Western": a word for a people, faith or camp, never a name on its own. */
export function isDemonym(word: string): boolean {
  return demonyms.has(word.toLowerCase());
}
