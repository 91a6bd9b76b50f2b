import type { Random } from './random.ts';

// Invented street and working names for demo and benchmark participants: nicknames, never a given
// name and surname together, so no alias reads like a real person's full name.
export const NICKNAMES: readonly string[] = [
  'Sunny', 'Red', 'Jojo', 'Kit', 'Moonbeam', 'Sparrow', 'Cricket', 'Bunny', 'Peaches', 'Cookie',
  'Honey', 'Ginger', 'Pepper', 'Cinnamon', 'Sugar', 'Candy', 'Cherry', 'Berry', 'Bluebell', 'Skye',
  'Stormy', 'Raven', 'Wren', 'Finch', 'Birdie', 'Dove', 'Lark', 'Magpie', 'Crow', 'Foxy',
  'Kitty', 'Tigger', 'Bear', 'Cub', 'Bambi', 'Fawn', 'Pony', 'Mouse', 'Bee', 'Buzz',
  'Bubbles', 'Biscuit', 'Muffin', 'Cupcake', 'Pudding', 'Butters', 'Toffee', 'Caramel', 'Mocha', 'Cocoa',
  'Coco', 'Lulu', 'Gigi', 'Didi', 'Bibi', 'Mimi', 'Fifi', 'Zuzu', 'Lolo', 'Tutu',
  'Bebe', 'Kiki', 'Roro', 'Momo', 'Pip', 'Button', 'Nickel', 'Lucky', 'Clover', 'Daisy',
  'Fern', 'Willow', 'Sage', 'Juniper', 'Maple', 'Aspen', 'Cedar', 'River', 'Rain', 'Misty',
  'Dusty', 'Sandy', 'Breezy', 'Frosty', 'Snowflake', 'Starla', 'Stardust', 'Comet', 'Moon', 'Solstice',
  'Orbit', 'Galaxy', 'Cosmo', 'Echo', 'Jinx', 'Trixie', 'Roxy', 'Foxglove', 'Velvet', 'Satin',
  'Silk', 'Lace', 'Glitter', 'Sparkle', 'Diamond', 'Jade', 'Opal', 'Pearl', 'Onyx', 'Topaz',
  'Garnet', 'Goldie', 'Silver', 'Copper', 'Rusty', 'Smokey', 'Ember', 'Blaze', 'Flame', 'Spark',
  'Dash', 'Zippy', 'Ziggy', 'Ace', 'Deuce', 'Duchess', 'Princess', 'Queenie', 'Duke', 'Boss',
  'Chief', 'Sarge', 'Sweets', 'Sweetpea', 'Peanut', 'Pickle', 'Mango', 'Kiwi', 'Lemon', 'Lime',
  'Plum', 'Apricot', 'Tangerine', 'Clementine', 'Melon', 'Papaya', 'Coconut', 'Sprinkles', 'Jellybean', 'Gumdrop',
  'Lollipop', 'Marshmallow', 'Pixie', 'Fairy', 'Angel', 'Halo', 'Dreamer', 'Wish', 'Bliss', 'Sassy',
  'Spice', 'Chili', 'Salsa', 'Paprika', 'Nutmeg', 'Tinker', 'Sprout', 'Scout', 'Rebel', 'Outlaw',
  'Bandit', 'Nomad', 'Drifter', 'Rover', 'Rocky', 'Pebbles', 'Flint', 'Slate', 'Boots', 'Sneakers',
  'Slim', 'Shorty', 'Tiny', 'Legs', 'Curly', 'Blondie', 'Freckles', 'Dimples', 'Smiley', 'Giggles',
  'Chatty', 'Sleepy', 'Dizzy', 'Sunshine', 'Rainbow', 'Firefly', 'Dragonfly', 'Butterfly', 'Ladybug', 'Bumblebee',
  'Squirrel', 'Chipmunk', 'Otter', 'Panda', 'Koala', 'Kitten', 'Goose', 'Duckie', 'Chickie', 'Bluejay',
  'Hummingbird', 'Canary', 'Jewel', 'Gem', 'Treasure', 'Tiger Lily', 'Blossom', 'Petal', 'Bloom', 'Marigold',
  'Thistle', 'Bramble', 'Acorn', 'Pinecone', 'Mossy', 'Puddles', 'Thunder', 'Lightning', 'Tornado', 'Hurricane',
  'Frost', 'Icicle', 'Slushy', 'Popsicle', 'Sherbet', 'Sundae', 'Waffles', 'Pancake', 'Noodle', 'Dumpling',
  'Bagel', 'Pretzel', 'Nacho', 'Taco', 'Churro', 'Jelly', 'Treacle', 'Fudge', 'Brownie', 'Cheesecake',
  'Tulip', 'Lotus', 'Orchid', 'Poppyseed', 'Sesame', 'Saffron', 'Indigo', 'Crimson', 'Scarlet', 'Cobalt',
  'Teal', 'Turquoise', 'Sapphire', 'Emerald', 'Midnight', 'Twilight', 'Dusk', 'Dawn', 'Starlight', 'Moonpie',
];

const PREFIXES: readonly string[] = ['Lil', 'Big', 'Miss', 'Little', 'Auntie', 'Mama', 'Baby', 'Sweet', 'Lady', 'Queen', 'Kid'];
const INITIALS = 'ABCDEFGHJKLMNPRSTVW';

/** A nickname with, at times, a prefix ("Lil Red"), an initial ("Sunny B") or handle digits ("Kiki22"). */
export function varyNickname(random: Random, base: string): string {
  const style = random.weighted([['plain', 50], ['prefix', 25], ['initial', 15], ['digits', 10]] as const);
  if (style === 'prefix') return `${random.pick(PREFIXES)} ${base}`;
  if (style === 'initial') return `${base} ${INITIALS[random.int(0, INITIALS.length - 1)]}`;
  if (style === 'digits') return `${base}${random.int(2, 99)}`;
  return base;
}

/**
 * Aliases for a small program: mostly distinct nicknames, a few with a prefix, and `shared`
 * of them used by two people (aliases are not unique; the code tells people apart).
 */
export function demoAliases(random: Random, count: number, shared: number): string[] {
  const words = random.shuffle(NICKNAMES);
  const distinct: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; distinct.length < count - shared; i++) {
    const base = words[i % words.length]!;
    const alias = i < words.length && random.chance(0.85) ? base : `${random.pick(PREFIXES)} ${base}`;
    if (!seen.has(alias)) {
      seen.add(alias);
      distinct.push(alias);
    }
  }
  const twins = Array.from({ length: shared }, (_, i) => distinct[Math.floor((i * distinct.length) / shared)]!);
  return random.shuffle([...distinct, ...twins]);
}
