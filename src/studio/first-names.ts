/**
 * Frequent first names of young people in the Netherlands (Dutch, Frisian, Moroccan, Turkish,
 * Surinamese, Antillean, Polish, Syrian, Eritrean and international), lower case, without
 * diacritics. The scrubber removes them even when typed in lower case in the middle of a sentence,
 * where capitalisation gives no hint. Names that are also common Dutch words ("ben", "roos", "lot",
 * "max", "bas") are left out on purpose: the scrubber would eat normal sentences.
 */
export const FIRST_NAMES: readonly string[] = [
  // girls
  'emma', 'julia', 'mila', 'tess', 'sophie', 'zoe', 'sara', 'sarah', 'nora', 'noor', 'eva', 'anna', 'saar', 'liv', 'yara',
  'olivia', 'fenna', 'lotte', 'lieke', 'sanne', 'fleur', 'isa', 'lisa', 'femke', 'anouk', 'iris', 'jasmijn', 'nina', 'lina',
  'maud', 'evi', 'lynn', 'elin', 'norah', 'fay', 'sofie', 'sofia', 'amber', 'britt', 'demi', 'esmee', 'romy', 'sterre', 'floor',
  'luna', 'lara', 'lauren', 'kiki', 'jade', 'noa', 'hanna', 'hannah', 'vera', 'merel', 'isabel', 'isabella', 'elise', 'ilse',
  'marloes', 'kim', 'janne', 'nienke', 'lisanne', 'chantal', 'priscilla', 'shanice', 'shania', 'naomi', 'jessica', 'jennifer',
  'laura', 'linda', 'maria', 'marie', 'manon', 'mirthe', 'mette', 'puck', 'ivy', 'bo', 'lize', 'lieve', 'amy', 'dewi', 'indy',
  'fatima', 'aya', 'nour', 'malak', 'salma', 'yasmina', 'yasmine', 'imane', 'ikram', 'hiba', 'khadija', 'meryem', 'aisha',
  'ayse', 'elif', 'zeynep', 'esra', 'merve', 'büsra', 'busra', 'hatice', 'kubra', 'ebru', 'dilara', 'ilayda', 'melike',
  'samira', 'soraya', 'zainab', 'maryam', 'mariam', 'layla', 'leila', 'amira', 'rania', 'dounia', 'loubna', 'siham', 'naima',
  'sharon', 'kimberly', 'tamara', 'chelsey', 'melissa', 'jamie', 'robin', 'sasha', 'yentl', 'anastasia', 'zuzanna',
  'natalia', 'wiktoria', 'oliwia', 'helen', 'senait', 'rahel', 'rim', 'lana', 'joy', 'chloe', 'mia', 'ella',
  // boys
  'noah', 'sem', 'liam', 'lucas', 'luuk', 'finn', 'levi', 'milan', 'daan', 'james', 'adam', 'sam', 'bram', 'jesse',
  'thijs', 'lars', 'tim', 'tom', 'ruben', 'stijn', 'thomas', 'jayden', 'julian', 'gijs', 'hugo', 'teun', 'jens', 'niels',
  'koen', 'rick', 'sven', 'bart', 'joost', 'jeroen', 'kevin', 'dylan', 'justin', 'mike', 'mark', 'pim', 'siem', 'boaz',
  'jan', 'piet', 'kees', 'henk', 'sjoerd', 'wouter', 'jasper', 'jelle', 'jort', 'ties', 'mats', 'olivier', 'vince', 'nick',
  'mohammed', 'mohamed', 'muhammed', 'mohamad', 'ahmed', 'ahmet', 'ayoub', 'yassin', 'yassine', 'bilal', 'hamza', 'ilias',
  'ilyas', 'anass', 'anas', 'soufiane', 'mehdi', 'rayan', 'ryan', 'amine', 'omar', 'othman', 'youssef', 'yusuf', 'ibrahim',
  'ismail', 'mustafa', 'mustapha', 'khalid', 'karim', 'nordin', 'redouan', 'zakaria', 'adil', 'achraf', 'walid', 
  'emre', 'mehmet', 'murat', 'burak', 'kerem', 'enes', 'furkan', 'berat', 'yigit', 'efe', 'arda', 'baran', 'umut',
  'jairo', 'jurgen', 'romano', 'dwayne', 'shaquille', 'giovanni', 'quincy', 'ricardo', 'jerrel', 'jeffrey', 'kenneth',
  'jakub', 'kacper', 'szymon', 'filip', 'mateusz', 'wojciech', 'dawid', 'tymon', 'aziz', 'amir', 'ali', 'hassan', 'hussein',
  'omer', 'samir', 'tarik', 'yahya', 'filmon', 'dawit', 'yonas', 'robel', 'abel', 'aron', 'kofi', 'kwame',
];
