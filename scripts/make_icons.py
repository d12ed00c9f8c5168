"""Draw each module's static/description/icon.png: one Chinese character on the module's colour."""
import os

from PIL import Image, ImageDraw, ImageFont

FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'
ICONS = {
    'crm_lifecycle': ('客', '#1f7a8c'),
    'sales_funnel': ('漏', '#3a6ea5'),
    'competitor': ('竞', '#c0392b'),
    'quote_pricing': ('价', '#d68910'),
    'contract_mgmt': ('合', '#6c3483'),
    'aftersales_returns': ('售', '#148f77'),
    'sales_team_mgmt': ('团', '#2e4053'),
}


def draw(character, colour, size=256):
    image = Image.new('RGBA', (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    canvas.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 8, fill=colour)
    font = ImageFont.truetype(FONT, int(size * 0.62))
    left, top, right, bottom = canvas.textbbox((0, 0), character, font=font)
    canvas.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), character,
                font=font, fill='white')
    return image


if __name__ == '__main__':
    for module, (character, colour) in ICONS.items():
        path = os.path.join('addons', module, 'static', 'description')
        os.makedirs(path, exist_ok=True)
        draw(character, colour).save(os.path.join(path, 'icon.png'))
