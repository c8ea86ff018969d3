"""Name tables of the region's visitors: (male given names, female given names, surnames), comma-separated.

Spelled with their own diacritics (Müller, Yılmaz, Lefèvre) and punctuation (O'Brien, D'Angelo,
Fraser-Smith), so spelling rules and the release character get exercised. Greek names are kept in the
Latin form of Greek passports, masculine surnames (``names.py`` derives the feminine forms).
"""
# ruff: noqa: RUF001, RUF002 -- Turkish dotless i is part of the names

from __future__ import annotations

_GERMAN_MALE = (
    "Lukas, Jonas, Felix, Maximilian, Paul, Leon, Thomas, Michael, Andreas, Stefan, Markus, Christian, "
    "Tobias, Florian, Sebastian, Matthias, Jürgen, Klaus, Wolfgang, Uwe, Dieter, Jörg, Hans-Peter, "
    "Karl-Heinz, Moritz, Niklas, Jan, Tim, Fabian"
)
_GERMAN_FEMALE = (
    "Anna, Lena, Laura, Julia, Sarah, Lea, Hannah, Katharina, Sabine, Petra, Claudia, Andrea, Monika, "
    "Ursula, Birgit, Susanne, Jana, Sophie, Marie, Anja, Kerstin, Heike, Lisa, Franziska, Jessica, Jördis"
)

GERMAN = (
    _GERMAN_MALE,
    _GERMAN_FEMALE,
    "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, "
    "Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, "
    "Hartmann, Lange, Schmitt, Werner, Krause, Lehmann, Jäger, Fuchs, Böhm, Weiß, Grünewald, von Berg",
)

AUSTRIAN = (
    _GERMAN_MALE,
    _GERMAN_FEMALE,
    "Gruber, Huber, Bauer, Wagner, Müller, Pichler, Steiner, Moser, Mayer, Hofer, Leitner, Berger, Fuchs, "
    "Eder, Fischer, Schmid, Winkler, Weber, Schwarz, Maier, Schneider, Reiter, Mayr, Brunner, Egger, "
    "Wimmer, Wallner, Lang, Aigner, Haas, Höller, Pöschl",
)

SWISS = (
    _GERMAN_MALE + ", Reto, Urs, Beat, Remo",
    _GERMAN_FEMALE + ", Corinne, Regula, Seraina",
    "Müller, Meier, Schmid, Keller, Weber, Huber, Schneider, Meyer, Steiner, Fischer, Gerber, Brunner, "
    "Baumann, Frei, Zimmermann, Moser, Widmer, Wyss, Graf, Roth, Bühler, Studer, Hess, Brändli, Küng, "
    "Zürcher, Bachmann, Lüthi",
)

ITALIAN = (
    "Marco, Luca, Giuseppe, Alessandro, Andrea, Francesco, Matteo, Lorenzo, Davide, Simone, Giovanni, "
    "Antonio, Paolo, Stefano, Roberto, Federico, Riccardo, Niccolò, Gian Luca",
    "Giulia, Francesca, Chiara, Sara, Martina, Valentina, Alessia, Elena, Federica, Silvia, Laura, "
    "Giorgia, Paola, Elisa, Anna, Sofia, Beatrice, Maria Grazia",
    "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, "
    "De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, "
    "Rinaldi, Caruso, Ferrara, Galli, Martini, Leone, D'Angelo, Dell'Acqua, Di Stefano, Lo Russo",
)

TURKISH = (
    "Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, İsmail, Osman, Yusuf, Murat, Ömer, Emre, "
    "Burak, Serkan, Cem, Kerem, Oğuz, Barış, Çağrı, Eren, Uğur, Volkan, Tolga",
    "Ayşe, Fatma, Emine, Hatice, Zeynep, Elif, Merve, Özlem, Esra, Büşra, Derya, Gül, Selin, Ebru, Şeyma, "
    "Tuğba, Aslı, Damla, Gizem, Sevgi",
    "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, "
    "Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek, Polat, Korkmaz, Güneş, Aksoy, Bulut, Tekin, Uçar, "
    "Karadağ, Ağaoğlu",
)

BRITISH = (
    "James, Oliver, Jack, Harry, George, William, Thomas, Daniel, Matthew, David, Andrew, Christopher, "
    "Paul, Mark, Richard, Stephen, Michael, Samuel, Joseph, Benjamin, Callum, Rhys",
    "Olivia, Amelia, Emily, Sophie, Charlotte, Jessica, Hannah, Lucy, Sarah, Emma, Rebecca, Laura, Rachel, "
    "Victoria, Claire, Helen, Grace, Chloe, Mary Ann, Siobhan",
    "Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Johnson, Roberts, Robinson, "
    "Thompson, Wright, Walker, White, Edwards, Hughes, Green, Hall, Wood, Harris, Lewis, Clarke, Jackson, "
    "Patel, O'Brien, O'Neill, McDonald, Fraser-Smith, Ap Rhys",
)

FRENCH = (
    "Jean, Pierre, Nicolas, Thomas, Julien, Antoine, Maxime, Alexandre, Lucas, Hugo, Louis, Mathieu, "
    "François, Sébastien, Jérôme, Benoît, Théo, Étienne, Jean-Marc",
    "Marie, Camille, Léa, Manon, Chloé, Emma, Sophie, Julie, Céline, Élodie, Aurélie, Mathilde, Inès, "
    "Clémence, Amélie, Hélène, Anne-Sophie",
    "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, "
    "Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, André, Mercier, "
    "Dupont, Lambert, Bonnet, François, Legrand, Gauthier, Le Goff",
)

GREEK = (
    "Georgios, Dimitrios, Konstantinos, Ioannis, Nikolaos, Panagiotis, Christos, Vasileios, Athanasios, "
    "Michail, Evangelos, Spyridon, Alexandros, Stavros, Theodoros",
    "Maria, Eleni, Aikaterini, Vasiliki, Sofia, Angeliki, Georgia, Dimitra, Konstantina, Paraskevi, "
    "Christina, Eirini, Despoina, Anastasia, Panagiota, Evangelia",
    "Papadopoulos, Papadakis, Nikolaidis, Georgiou, Pappas, Vlachos, Oikonomou, Karagiannis, Makris, "
    "Ioannou, Dimitriou, Konstantinidis, Alexiou, Christodoulou, Angelopoulos, Anagnostou, Mavridis, "
    "Theodorou, Katsaros, Stavropoulos",
)
