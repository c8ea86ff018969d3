"""Western Balkan name tables: (male given names, female given names, surnames), comma-separated.

Spelled as in the national script and orthography: Serbian, Montenegrin, Bosnian and Croatian in Latin
with diacritics, Albanian with ë and ç, Macedonian in Cyrillic (masculine surnames; ``names.py`` derives
the feminine forms). Every combination the generator draws is fictitious.
"""
# ruff: noqa: RUF001 -- Macedonian names are written in Cyrillic on purpose

from __future__ import annotations

SERBIAN = (
    "Marko, Nikola, Stefan, Luka, Miloš, Nemanja, Aleksandar, Dragan, Zoran, Goran, Milan, Dejan, "
    "Vladimir, Đorđe, Dušan, Bojan, Jovan, Petar, Uroš, Vuk, Srđan, Predrag, Slobodan, Miroslav, "
    "Živorad, Radoslav, Branislav, Vladan, Ognjen, Lazar, Filip, Vukašin, Čedomir, Ljubiša, Nenad, Saša, "
    "Željko, Mihajlo, Đurađ, Dalibor",
    "Jelena, Milica, Ana, Marija, Jovana, Ivana, Snežana, Dragana, Tijana, Katarina, Teodora, Anđela, "
    "Kristina, Maja, Nataša, Biljana, Gordana, Ljiljana, Vesna, Zorica, Sanja, Mirjana, Nevena, Sofija, "
    "Danica, Olivera, Jasmina, Svetlana, Tamara, Dušica, Žaklina, Nađa, Ljubica, Đurđica, Slađana",
    "Jovanović, Petrović, Nikolić, Marković, Đorđević, Stojanović, Ilić, Stanković, Pavlović, Popović, "
    "Živković, Janković, Todorović, Kostić, Ristić, Lazić, Đukić, Mitić, Savić, Obradović, Vasić, Tomić, "
    "Radovanović, Perić, Kovačević, Milenković, Stevanović, Vučković, Ćirić, Šarić, Žarković, Antić, "
    "Filipović, Knežević, Lukić, Marjanović, Radić, Simić, Dimitrijević, Gajić, Mladenović, Nedeljković, "
    "Babić, Ćosić, Đurić, Jakovljević, Milovanović, Cvetković, Zdravković, Grujić, Despotović, Šljivić",
)

MONTENEGRIN = (
    "Vuk, Dragan, Radovan, Vasilije, Nikola, Marko, Balša, Danilo, Petar, Luka, Andrija, Filip, Vladimir, "
    "Stefan, Dejan, Božidar, Branko, Radomir, Novak, Milutin, Vukota, Đuro, Savo, Veselin, Blažo",
    "Milena, Jelena, Ivana, Maša, Danijela, Ksenija, Sanja, Anđela, Jovana, Tamara, Dijana, Biljana, "
    "Marija, Milica, Vesna, Snežana, Bojana, Draginja, Ljubinka, Vasilija",
    "Vujović, Radulović, Vuković, Popović, Lakić, Bulatović, Kaluđerović, Vujošević, Radonjić, Perović, "
    "Šćekić, Bojović, Pejović, Dragićević, Raičević, Mugoša, Ivanović, Medojević, Krivokapić, Šćepanović, "
    "Drobnjak, Đurović, Vlahović, Rakočević, Vučinić, Bošković, Nikčević, Vučeljić, Mijušković, Lalević",
)

BOSNIAN = (
    "Adnan, Amir, Armin, Emir, Haris, Kenan, Mirza, Samir, Tarik, Eldin, Edin, Dževad, Enes, Almir, Nedim, "
    "Jasmin, Senad, Muhamed, Faruk, Alen, Nermin, Damir, Elvir, Hamza, Benjamin, Dino, Ahmed, Ismet, "
    "Safet, Šemsudin, Džemal, Mehmed, Sead, Zlatan, Ćamil",
    "Amina, Lejla, Selma, Emina, Ajla, Merima, Belma, Amra, Azra, Džana, Naida, Lamija, Sabina, Edina, "
    "Alma, Jasmina, Elma, Nejra, Medina, Hana, Senada, Aida, Sanela, Mersiha, Šejla, Ajša, Fikreta, "
    "Đulsa, Zehra, Melisa",
    "Hadžić, Hodžić, Mehmedović, Begić, Delić, Omerović, Hasanović, Kovačević, Salihović, Ibrahimović, "
    "Husić, Halilović, Alić, Mujić, Sulejmanović, Jusufović, Šehić, Karić, Hadžiomerović, Suljić, "
    "Čaušević, Dedić, Bećirović, Mešić, Terzić, Hamzić, Avdić, Ćatić, Džafić, Softić, Imamović, Kurtović, "
    "Mahmutović, Smajić, Zukić, Hadžimuratović, Bašić, Pašić, Mulalić, Fazlić",
)

CROATIAN = (
    "Ivan, Josip, Marko, Luka, Tomislav, Ante, Mario, Krešimir, Hrvoje, Dario, Matej, Domagoj, Zvonimir, "
    "Stjepan, Nikola, Filip, Goran, Damir, Vedran, Željko, Dražen, Mislav",
    "Ana, Marija, Ivana, Petra, Lucija, Katarina, Martina, Nikolina, Iva, Maja, Mateja, Kristina, Dora, "
    "Lana, Sanja, Željka, Vesna, Tena, Mirna, Zrinka",
    "Horvat, Kovačević, Babić, Marić, Jurić, Novak, Kovačić, Knežević, Vuković, Marković, Matić, Tomić, "
    "Božić, Blažević, Grgić, Perić, Šarić, Radić, Pavić, Lovrić, Vidović, Perković, Filipović, Jukić, "
    "Bašić, Ćorić, Rukavina, Šimić, Mandić, Barišić, Zovko, Galić",
)

SLOVENIAN = (
    "Luka, Jan, Žiga, Matej, Rok, Anže, Nejc, Tilen, Gregor, Primož, Janez, Marko, Andrej, Boštjan, "
    "Jure, Blaž, Miha, Aljaž, Uroš, Matevž",
    "Nina, Eva, Sara, Maja, Ana, Urška, Špela, Nika, Tina, Mojca, Petra, Katja, Ajda, Neža, Manca, "
    "Tjaša, Mateja, Polona",
    "Novak, Horvat, Kovačič, Krajnc, Zupančič, Potočnik, Kovač, Mlakar, Kos, Vidmar, Golob, Turk, Kralj, "
    "Zupan, Bizjak, Hribar, Kotnik, Rozman, Petek, Kastelic, Žagar, Košir, Koren, Oblak, Kolar",
)

ALBANIAN = (
    "Arben, Ardit, Besnik, Blerim, Driton, Agron, Fatmir, Gent, Ilir, Kujtim, Luan, Shpend, Valon, Visar, "
    "Arbër, Ermal, Fisnik, Xhevat, Bujar, Dardan, Endrit, Erion, Flamur, Gëzim, Qëndrim, Rinor, Lulzim, "
    "Mentor, Sokol, Artan, Alban, Genc, Besart, Labinot, Përparim, Xhemajl",
    "Arta, Blerta, Drita, Elira, Fatjona, Jehona, Lindita, Mimoza, Shqipe, Valbona, Vjosa, Albulena, "
    "Ardita, Besa, Donika, Erza, Flutura, Gresa, Hana, Kaltrina, Liridona, Njomza, Rita, Teuta, Vlora, "
    "Zana, Ermira, Ornela, Anila, Edona, Dafina, Fjolla, Lumturije, Mirëlinda, Xhenete",
    "Hoxha, Krasniqi, Berisha, Gashi, Shala, Morina, Kelmendi, Hasani, Bytyqi, Rexhepi, Ahmeti, Mustafa, "
    "Zeqiri, Kastrati, Dervishi, Leka, Shehu, Çela, Duka, Marku, Prifti, Kola, Basha, Hysa, Meta, Tahiri, "
    "Halili, Osmani, Sejdiu, Limani, Bajrami, Xhaferi, Qerimi, Mehmeti, Aliu, Llapashtica, Dema, Gjonaj, "
    "Përzhilla, Gjergji, Zenelaj, Hyseni, Çollaku, Lleshi, Dibra, Xhafa, Musliu, Tërnava",
)

# Macedonian in Cyrillic, as in the civil register; surnames in the masculine form.
MACEDONIAN = (
    "Александар, Никола, Стефан, Марко, Горан, Зоран, Дејан, Игор, Бојан, Владимир, Ѓорѓи, Томе, "
    "Благоја, Кире, Методија, Филип, Петар, Јован, Илија, Трајче, Сашко, Здравко, Љупчо, Кирил, Васил, "
    "Ѓоко, Живко, Жарко, Мирче, Оливер, Христијан, Џоко",
    "Ана, Марија, Елена, Ивана, Симона, Билјана, Весна, Катерина, Маја, Драгана, Јасмина, Сања, Снежана, "
    "Александра, Фросина, Тамара, Благица, Ирена, Љубица, Жанета, Даниела, Верица, Наташа, Мирјана, "
    "Христина, Теодора, Јована, Ѓурѓица, Цвета",
    "Стојановски, Николовски, Јованов, Петровски, Трајковски, Димитриевски, Ристовски, Костов, Илиевски, "
    "Ангеловски, Стефановски, Георгиевски, Јакимовски, Наумовски, Ѓорѓиевски, Велјановски, Тодоровски, "
    "Митревски, Спасовски, Ивановски, Блажевски, Атанасов, Цветковски, Ковачевски, Петрушевски, Шопов, "
    "Чаловски, Кочовски, Најдовски, Ѓуровски, Џамбазов, Здравковски, Аврамовски, Христов, Ќурчиев, "
    "Зафировски, Жежов, Лазаревски, Талевски, Ѕвездев",
)
